"""What the audit log says about needs, offers and matches."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class MatchingAction(AuditAction):
    NEEDS_OFFERS_SAVED = "needs_offers.saved", _("Needs and offers saved")
    SUGGESTIONS_COMPUTED = "match.suggestions_computed", _("Match suggestions computed")
    # The facilitator's and the parties' steps (matching.workflow).
    MATCH_ACCEPTED = "match.accepted", _("Match accepted by a facilitator")
    MATCH_DISMISSED = "match.dismissed", _("Match dismissed")
    MATCH_INTRODUCED = "match.introduced", _("Parties introduced")
    MATCH_ANSWERED = "match.answered", _("Party answered an introduction")
    MATCH_CONFIRMED = "match.confirmed", _("Partnership confirmed")
    MATCH_DECLINED = "match.declined", _("Match declined by a party")
    MATCH_RESUGGESTED = "match.resuggested", _("Dismissed match suggested again after a change")
    MATCH_DECLARED = "match.declared", _("Partnership declared")
    MATCH_WITHDRAWN = "match.withdrawn", _("Declared partnership withdrawn")
    # A pledge joining a lead pledge (multi-stakeholder pledge) as a contributor, and leaving it.
    CONTRIBUTION_JOINED = "contribution.joined", _("Pledge joined a lead pledge as a contributor")
    CONTRIBUTION_WITHDRAWN = "contribution.withdrawn", _("Contribution to a lead pledge withdrawn")
