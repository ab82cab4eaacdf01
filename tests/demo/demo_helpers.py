from localcompacts.accounts.models import User
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import Endorsement, FocalPoint, LocalGovernment
from localcompacts.pledges.models import Pledge


def wipe():
    """Remove demo rows (forums themselves stay: they come from a migration)."""
    for forum in ReviewForum.objects.all():
        forum.sessions.all().delete()
        forum.delegations.all().delete()
        forum.convenings.all().delete()
        forum.outcomes.all().delete()
    Pledge.objects.all().delete()
    Endorsement.objects.all().delete()
    FocalPoint.objects.all().delete()
    LocalGovernment.objects.all().delete()
    User.objects.all().delete()
