"""Pages of a listing that never count the listing.

Counting every article of a section, a tag or the whole site is the one
query of a listing whose cost grows with the archive. A listing page asks
for one article more than it shows instead: if it comes back, there is an
older page. Readers get "Newer articles" / "Older articles" and the page's
number, not the number of pages.
"""

from collections.abc import Sequence

from django.core.paginator import EmptyPage, PageNotAnInteger

from foundation.addresses import MAX_PAGE


class ListingPage(Sequence):
    """One page of a listing, with the parts of Django's ``Page`` that templates use."""

    def __init__(self, object_list: list, number: int, paginator: "ListingPaginator", more: bool):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self._more = more

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        if not self._more:
            raise EmptyPage("That page contains no results")
        return self.number + 1

    def previous_page_number(self) -> int:
        if self.number <= 1:
            raise EmptyPage("That page number is less than 1")
        return self.number - 1


class ListingPaginator:
    """``page(n)`` reads n's articles and one more; ``num_pages`` is not known (None)."""

    num_pages = None
    max_page = MAX_PAGE

    def __init__(self, object_list, per_page: int):
        self.object_list = object_list
        self.per_page = per_page

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number > self.max_page:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number) -> ListingPage:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        found = list(self.object_list[start : start + self.per_page + 1])
        if not found and number > 1:
            raise EmptyPage("That page contains no results")
        return ListingPage(found[: self.per_page], number, self, len(found) > self.per_page)
