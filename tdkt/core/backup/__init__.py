"""`tdkt backup` and `tdkt restore`: one .tar.gz holding the database, every stored file and a
manifest that lets a restore prove it got everything back (row counts per table, each file's size
and sha256). archive.py is the layout and the checks of an untrusted archive, database.py the dump
and load per database, files.py the walk of the file storage, service.py puts them together."""
