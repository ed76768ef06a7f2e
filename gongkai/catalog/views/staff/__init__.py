"""Staff pages of the catalog, one module per concern (items, review, lists, columns, settings, import).

`gongkai.catalog.urls` refers to the views as `staff.<name>`; they are re-exported here.
"""

from gongkai.catalog.views.staff.columns import columns
from gongkai.catalog.views.staff.importing import import_catalog
from gongkai.catalog.views.staff.items import (
    item_amend,
    item_create,
    item_detail,
    item_edit,
    item_interpret,
    staff_agency,
    staff_attachment,
    staff_index,
)
from gongkai.catalog.views.staff.lists import item_bulk, item_list
from gongkai.catalog.views.staff.review import (
    attachment_pages,
    hit_resolve,
    item_approve,
    item_reject,
    item_retire,
    item_submit,
    retirement_approve,
    retirement_reject,
)
from gongkai.catalog.views.staff.settings import catalog_settings

__all__ = [
    "attachment_pages",
    "catalog_settings",
    "columns",
    "hit_resolve",
    "import_catalog",
    "item_amend",
    "item_approve",
    "item_bulk",
    "item_create",
    "item_detail",
    "item_edit",
    "item_interpret",
    "item_list",
    "item_reject",
    "item_retire",
    "item_submit",
    "retirement_approve",
    "retirement_reject",
    "staff_agency",
    "staff_attachment",
    "staff_index",
]
