"""The workflow table, ballots and money, without a database."""

import datetime
import random
from decimal import Decimal

import pytest

from tdkt.awards.domain.ballot import Ballot, Vote, count, votes_needed
from tdkt.awards.domain.money import base_salary, reward_amount
from tdkt.awards.domain.workflow import (
    TABLE,
    Action,
    Facts,
    State,
    TransitionRefused,
    available,
    transition,
)

READY = Facts(has_nominees=True, components_complete=True)


def test_the_regular_path_with_vote_and_notice():
    facts = Facts(all_appraised=True, any_accepted=True, needs_vote=True, needs_notice=True)
    path = [
        (State.DRAFT, Action.SUBMIT, {"unit_officer"}, READY),
        (State.SUBMITTED, Action.RECEIVE, {"standing_office"}, facts),
        (State.RECEIVED, Action.APPRAISE, {"standing_office"}, facts),
        (State.APPRAISED, Action.OPEN_VOTE, {"standing_office"}, facts),
        (State.VOTING, Action.CLOSE_VOTE, {"standing_office"},
         Facts(all_appraised=True, any_accepted=True, needs_vote=True, needs_notice=True, votes_complete=True)),
        (State.VOTED, Action.PUBLISH_NOTICE, {"standing_office"},
         Facts(any_accepted=True, needs_vote=True, needs_notice=True, votes_complete=True)),
        (State.NOTICE, Action.CLOSE_NOTICE, {"standing_office"}, Facts(any_accepted=True, notice_over=True)),
        (State.AWAITING_DECISION, Action.DECIDE, {"approver"}, Facts()),
    ]
    state = State.DRAFT
    for source, action, roles, f in path:
        assert state is source
        state = transition(state, action, roles=roles, facts=f).target
    assert state is State.DECIDED


def test_recall_only_until_received():
    assert transition(State.SUBMITTED, Action.RECALL, roles={"unit_leader"}, facts=Facts()).target is State.DRAFT
    with pytest.raises(TransitionRefused):
        transition(State.RECEIVED, Action.RECALL, roles={"unit_leader"}, facts=Facts())


def test_return_needs_a_reason_and_the_office():
    with pytest.raises(TransitionRefused, match="lý do"):
        transition(State.SUBMITTED, Action.RETURN, roles={"standing_office"}, facts=Facts())
    with pytest.raises(TransitionRefused) as refused:
        transition(State.SUBMITTED, Action.RETURN, roles={"unit_officer"}, facts=Facts(), reason="thiếu")
    assert refused.value.forbidden
    step = transition(State.RECEIVED, Action.RETURN, roles={"standing_office"}, facts=Facts(), reason="Thiếu biên bản")
    assert step.target is State.RETURNED


def test_guards_refuse_with_a_reason():
    with pytest.raises(TransitionRefused, match="thiếu thành phần"):
        transition(State.DRAFT, Action.SUBMIT, roles={"unit_officer"}, facts=Facts(components_complete=False))
    with pytest.raises(TransitionRefused, match="chưa có ý kiến thẩm định"):
        transition(State.RECEIVED, Action.APPRAISE, roles={"standing_office"}, facts=Facts())
    # A vote that is needed must happen before the decision.
    with pytest.raises(TransitionRefused):
        transition(State.APPRAISED, Action.SEND_FOR_DECISION, roles={"standing_office"},
                   facts=Facts(any_accepted=True, needs_vote=True))


def test_the_notice_ends_only_with_every_objection_resolved():
    over = Facts(any_accepted=True, notice_over=True)
    assert transition(State.NOTICE, Action.CLOSE_NOTICE, roles={"standing_office"}, facts=over).target is (
        State.AWAITING_DECISION)
    still_open = Facts(any_accepted=True, notice_over=True, objections_open=True)
    with pytest.raises(TransitionRefused, match="ý kiến phản ánh .* chưa được xử lý"):
        transition(State.NOTICE, Action.CLOSE_NOTICE, roles={"standing_office"}, facts=still_open)
    assert Action.CLOSE_NOTICE not in available(State.NOTICE, roles={"standing_office"}, facts=still_open)
    assert Action.CLOSE_NOTICE in available(State.NOTICE, roles={"standing_office"}, facts=over)
    # The period is checked first: an open objection before the end is not what stops it.
    with pytest.raises(TransitionRefused, match="Chưa hết thời hạn"):
        transition(State.NOTICE, Action.CLOSE_NOTICE, roles={"standing_office"},
                   facts=Facts(any_accepted=True, objections_open=True))


def test_objections_that_rejected_everyone_close_the_dossier_instead():
    nobody = Facts(all_appraised=True, any_accepted=False, notice_over=True)
    with pytest.raises(TransitionRefused, match="Không còn ai được chấp thuận"):
        transition(State.NOTICE, Action.CLOSE_NOTICE, roles={"standing_office"}, facts=nobody)
    with pytest.raises(TransitionRefused, match="lý do"):
        transition(State.NOTICE, Action.CLOSE, roles={"standing_office"}, facts=nobody)
    step = transition(State.NOTICE, Action.CLOSE, roles={"standing_office"}, facts=nobody, reason="Ý kiến đúng")
    assert step.target is State.CLOSED
    # Not while an objection is open, and not while someone is still accepted.
    with pytest.raises(TransitionRefused, match="chưa được xử lý"):
        transition(State.NOTICE, Action.CLOSE, roles={"standing_office"}, reason="x",
                   facts=Facts(any_accepted=False, notice_over=True, objections_open=True))
    with pytest.raises(TransitionRefused, match="đã được chấp thuận"):
        transition(State.NOTICE, Action.CLOSE, roles={"standing_office"}, reason="x",
                   facts=Facts(any_accepted=True, notice_over=True))
    assert available(State.NOTICE, roles={"standing_office"}, facts=nobody) == [Action.CLOSE]


def test_every_role_step_pair_matches_the_table():
    roles = ["admin", "standing_office", "council_member", "approver", "block_head", "unit_officer",
             "unit_leader", "viewer"]
    everything = Facts(True, True, True, True, False, False, True, True, True, False)
    for state in State:
        for action in Action:
            for role in roles:
                steps = [s for s in TABLE if s.action is action and state in s.sources]
                expected = bool(steps) and role in steps[0].roles
                try:
                    transition(state, action, roles={role}, facts=everything, reason="lý do")
                    allowed = True
                except TransitionRefused:
                    allowed = False
                # Guards may still refuse (e.g. open_vote without needs_vote); never allow what the table forbids.
                assert not allowed or expected, (state, action, role)


def test_final_states_offer_nothing():
    for state in (State.DECIDED, State.FORWARDED, State.CLOSED):
        everything = Facts(True, True, True, True, True, True, True, True, True, False)
        assert available(state, roles={"admin"}, facts=everything) == []


def test_table_is_deterministic():
    seen = set()
    for step in TABLE:
        for state in step.sources:
            assert (state, step.action) not in seen
            seen.add((state, step.action))


@pytest.mark.parametrize(("members", "threshold", "needed"), [(9, 80, 8), (10, 80, 8), (10, 90, 9), (11, 90, 10),
                                                              (15, 80, 12), (5, 80, 4), (7, 90, 7)])
def test_votes_needed_over_all_members(members, threshold, needed):
    assert votes_needed(members, Decimal(threshold)) == needed


def test_absent_members_count_and_written_votes_count_for_threshold_not_quorum():
    ballots = [Ballot(i, Vote.YES) for i in range(6)] + [Ballot(6, Vote.YES, in_writing=True),
                                                         Ballot(7, Vote.YES, in_writing=True)]
    result = count(ballots, members=10, threshold=Decimal(80), quorum=Decimal("66.67"))
    assert (result.yes, result.present, result.missing, result.needed) == (8, 6, 2, 8)
    assert not result.quorum_met  # 6 of 10 present is below two thirds
    assert not result.passed
    ballots.append(Ballot(8, Vote.NO))
    result = count(ballots, members=10, threshold=Decimal(80), quorum=Decimal("66.67"))
    assert result.quorum_met
    assert result.passed
    # 90%: 8 yes of 10 is not enough, however many are present.
    assert not count(ballots, members=10, threshold=Decimal(90), quorum=Decimal("66.67")).passed


def test_ballot_count_property():
    rng = random.Random(7)
    for _ in range(500):
        members = rng.randint(1, 30)
        votes = [Ballot(i, rng.choice(list(Vote)), rng.random() < 0.2) for i in range(rng.randint(0, members))]
        threshold = Decimal(rng.choice([50, 80, 90]))
        result = count(votes, members=members, threshold=threshold, quorum=Decimal("66.67"))
        yes = sum(b.vote is Vote.YES for b in votes)
        assert result.passed == (result.quorum_met and yes * 100 >= threshold * members)


def test_money_rounds_up_to_ten_thousand_on_the_decision_date():
    assert base_salary(datetime.date(2024, 6, 30)) == 1_800_000
    assert base_salary(datetime.date(2024, 7, 1)) == 2_340_000
    assert reward_amount(Decimal("1.5"), datetime.date(2025, 8, 4)) == 3_510_000
    assert reward_amount(Decimal("0.3"), datetime.date(2025, 8, 4)) == 710_000  # 702,000 rounds up
    assert reward_amount(Decimal("0.3"), datetime.date(2024, 1, 1)) == 540_000
    assert reward_amount(Decimal("3.5"), datetime.date(2024, 7, 1)) == 8_190_000
    with pytest.raises(ValueError, match="lương cơ sở"):
        base_salary(datetime.date(2010, 1, 1))
