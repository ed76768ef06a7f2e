from gongkai.agencies.demo import OFFICE_NAME, TOWNSHIP_NAME, load
from gongkai.agencies.models import Agency, Membership


def test_demo_is_idempotent_and_builds_the_hierarchy(db):
    load()
    load()
    township = Agency.objects.get(name=TOWNSHIP_NAME)
    assert township.supervisor.name == OFFICE_NAME
    assert Agency.objects.filter(name=TOWNSHIP_NAME).count() == 1
    assert set(Membership.objects.filter(agency=township).values_list("role", flat=True)) == {
        "handler",
        "reviewer",
        "agency_admin",
    }
    for agency in Agency.objects.all():
        agency.full_clean()  # every demo credit code passes GB 32100
