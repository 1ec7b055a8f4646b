"""G107's lexicon is kept in the cache folder between runs: what is read back is what would be built."""
from __future__ import annotations

import pytest

import newslint_plugins.phrasing as phrasing
from newslint.cache import Memo

HOUSE = (("quantum flapdoodle", "quantum physics"), ("5g 4g", "x"))


def ordered(value):
    """``value`` with every dict as its list of items, so that comparing also compares their order."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return type(value)(map(ordered, value))
    return value


def fresh_memo() -> Memo:
    """A new handle on the lexicon table, which reads the file again."""
    return Memo(phrasing.LEXICONS.name, phrasing.LEXICONS.depends_on, phrasing.LEXICONS.max_saved,
                phrasing.LEXICONS.codec)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    phrasing.tortured_lexicon.cache_clear()
    yield tmp_path
    phrasing.tortured_lexicon.cache_clear()


@pytest.mark.parametrize("extra", [(), HOUSE[:1], HOUSE], ids=["built-in", "house-phrase", "no-gate"])
def test_a_lexicon_read_back_from_the_cache_is_the_one_built(cache_dir, monkeypatch, extra):
    built = phrasing.build_tortured_lexicon(extra)
    monkeypatch.setattr(phrasing, "LEXICONS", fresh_memo())
    assert phrasing.tortured_lexicon(extra) == built  # built, and kept
    phrasing.LEXICONS.save()
    assert phrasing.LEXICONS.path().is_file()

    def never(extra):
        raise AssertionError("the lexicon was built again, not read back")

    phrasing.tortured_lexicon.cache_clear()
    monkeypatch.setattr(phrasing, "LEXICONS", fresh_memo())
    monkeypatch.setattr(phrasing, "build_tortured_lexicon", never)
    read = phrasing.tortured_lexicon(extra)
    assert read == built
    assert type(read) is phrasing.Lexicon
    assert ordered(tuple(read)) == ordered(tuple(built))


def test_a_damaged_entry_is_built_again(cache_dir, monkeypatch):
    memo = fresh_memo()
    memo.put((), ("not", "a", "lexicon"))
    memo.save()
    monkeypatch.setattr(phrasing, "LEXICONS", fresh_memo())
    built = phrasing.build_tortured_lexicon(())
    assert phrasing.tortured_lexicon(()) == built
    phrasing.LEXICONS.save()  # and replaced
    assert fresh_memo().lookup(()) == tuple(built)


def test_the_lexicon_is_built_when_caching_is_off(monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    phrasing.tortured_lexicon.cache_clear()
    monkeypatch.setattr(phrasing, "LEXICONS", fresh_memo())
    try:
        assert phrasing.tortured_lexicon(()) == phrasing.build_tortured_lexicon(())
        assert phrasing.LEXICONS.path() is None
    finally:
        phrasing.tortured_lexicon.cache_clear()
