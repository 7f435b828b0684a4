"""Placeholder: the decision's DOCX and PDF (replaced by the generator)."""


def decision_files(decision) -> tuple[bytes, bytes]:
    raise NotImplementedError("decision documents are not generated yet")
