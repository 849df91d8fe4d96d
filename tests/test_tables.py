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


def test_conform_casts_every_input_kind():
    schema = tables.Schema("k", [tables.Column("i", "int", "i"), tables.Column("u", "int", "u"),
                                 tables.Column("f", "float", "f"), tables.Column("o", "str", "o"),
                                 tables.Column("p", "str", "p"), tables.Column("b", "bool", "b"),
                                 tables.Column("n", "int", "n")])
    import numpy as np
    df = pd.DataFrame({"i": np.array([3, 1], dtype=np.int32), "u": np.array([1, 2], dtype=np.uint8),
                       "f": [0.5, np.nan], "o": pd.Series(["a", None], dtype=object),
                       "p": pd.array(["x", None], dtype="string"), "b": [True, False],
                       "n": [1.0, None], "extra": [0, 0]})
    df.index = [7, 9]
    got = tables.conform(df, schema, with_page_id=True, page_id="p")
    assert list(got.columns) == ["page_id", "i", "u", "f", "o", "p", "b", "n"]
    assert [str(t) for t in got.dtypes] == ["string", "Int64", "Int64", "Float64", "string", "string", "boolean", "Int64"]
    assert got["i"].tolist() == [3, 1] and got["u"].tolist() == [1, 2]
    assert got["f"].tolist()[0] == 0.5 and got["f"].isna().tolist() == [False, True]
    assert got["o"].isna().tolist() == [False, True] and got["p"].isna().tolist() == [False, True]
    assert got["b"].tolist() == [True, False] and got["n"].isna().tolist() == [False, True]
    assert got.index.equals(pd.RangeIndex(2))
    df.loc[7, "i"] = 5                     # the table shares no data with its input
    assert got["i"].tolist() == [3, 1]


@pytest.mark.parametrize("values", [[None, None, None], [1.5, None], [None, 2.0]])
def test_float_list_as_the_row_path_gives_it(values):
    col = tables.Column("f", "float", "f")
    got = tables._cast_list(values, col)
    want = tables._cast_array(tables._values(pd.DataFrame([(v,) for v in values], columns=["f"]), "f"), col)
    assert type(got) is type(want) and got.dtype == want.dtype
    assert got.isna().tolist() == want.isna().tolist() and got.tolist() == want.tolist()
