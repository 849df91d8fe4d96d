"""tables.conform: the sort it promises, with and without its NumPy check of integer keys."""
import pandas as pd
import pytest

from newspage import tables

SCHEMA = tables.Schema("t", [tables.Column("a", "int", "a"), tables.Column("b", "int", "b"),
                             tables.Column("s", "str", "s")], sort=["a", "b"])


@pytest.mark.parametrize("a,b", [
    ([1, 1, 2, 3], [1, 2, 0, 0]),          # sorted, ties on a
    ([1, 1, 2, 3], [2, 1, 0, 0]),          # a tie out of order on b
    ([3, 1, 2, 2], [0, 0, 5, 4]),          # out of order
    ([1, None, 0, 2], [0, 0, 0, 0]),       # a missing value: last
    ([2, 2, 2, 2], [1, 1, 1, 1]),          # all equal
])
@pytest.mark.parametrize("page_id", [None, "p1"])
def test_conform_sorts_as_sort_values(a, b, page_id):
    df = pd.DataFrame({"a": pd.array(a, dtype="Int64"), "b": b, "s": list("wxyz")})
    got = tables.conform(df, SCHEMA, with_page_id=page_id is not None, page_id=page_id)
    want = df.astype({"s": "string"}).sort_values(["a", "b"], kind="stable", na_position="last")
    assert got["s"].tolist() == want["s"].tolist()
    assert got.index.equals(pd.RangeIndex(len(df)))
    if page_id is not None:
        assert got["page_id"].tolist() == [page_id] * len(df)


def test_int_keys_sorted():
    ia = lambda xs: pd.array(xs, dtype="Int64")  # noqa: E731
    assert tables._int_keys_sorted([ia([1, 2, 2]), ia([5, 0, 1])])
    assert not tables._int_keys_sorted([ia([1, 2, 2]), ia([5, 1, 0])])
    assert not tables._int_keys_sorted([ia([1, None])])                  # missing: the general path
    assert not tables._int_keys_sorted([pd.array(["a", "b"], dtype="string")])
