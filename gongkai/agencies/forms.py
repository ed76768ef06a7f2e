from gongkai.agencies.models import Agency
from gongkai.boundary.forms import CleanModelForm


class AgencyContactForm(CleanModelForm):
    """What an agency admin may change: the contact data of the 指南 (条例 Art. 12)."""

    class Meta:
        model = Agency
        fields = ["name", "short_name", "credit_code", "address", "office_hours", "phone", "fax", "email"]

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()
