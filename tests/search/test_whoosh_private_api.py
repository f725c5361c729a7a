"""The whoosh3 internals and patches Veille relies on, each pinned to the shape we use.

Veille reads Whoosh's posting blocks, columns and table of contents directly and patches
some of its methods (index/search/whoosh_fixes.py, scoring.py, doc_table.py,
query_build.py, spelling.py, engine.py, subwriters.py, index/upkeep.py). None of that is
public API, so an upgrade of ``whoosh3`` may change it silently. Each test below checks
one dependency on a small real index and, when it fails, says what to re-check. Run this
file first after changing the ``whoosh3`` pin in pyproject.toml.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import re
import textwrap
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh import index as windex
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.formats import Positions
from whoosh.index import TOC, FileIndex
from whoosh.matching import ListMatcher
from whoosh.matching.binary import AndNotMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import CorruptIndexError, SegmentReader, TermNotFound
from whoosh.searching import Searcher
from whoosh.support.levenshtein import distance

from index.search import IndexDoc, whoosh_fixes
from index.search.doc_table import DocTable, _plain_column, _raw_column
from index.search.engine import MERGE_COUNT, merge_small
from index.search.schema import build_schema, doc_fields
from index.search.scoring import SetScorer, _blocks, decode_positions

REPO = Path(__file__).resolve().parents[2]
NAME = "MAIN"
RECHECK = "whoosh3 changed: re-check {what} before relying on it again"


def _recheck(what: str) -> str:
    return RECHECK.format(what=what)


# A real index: many postings for one word (several posting blocks), varying counts,
# deletions, columns with empty values, three segments.

COMMON = "commun"  # in every document: more than one 128-posting block
BLOCK = 128


def _doc(i: int) -> IndexDoc:
    repeat = " ".join(["récolte"] * (1 + i % 4))  # weights 1..4, and an exact "=récolte"
    far = "remplissage " * (i % 300)  # positions past 255: multi-byte deltas
    return IndexDoc(
        article_id=1000 + i,
        title=f"Titre {i}",
        text=f"Le mot {COMMON} revient. {repeat}. {far}fin {COMMON}",
        date=None if i % 7 == 0 else f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        source=None if i % 5 == 0 else f"Source {i % 3}",
        lang="fr" if i % 2 else "en",
    )


def _write(ix: windex.Index, docs: list[IndexDoc]) -> None:
    writer = ix.writer()
    for doc in docs:
        writer.add_document(**doc_fields(doc))
    writer.commit(merge=False)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three segments (300, 40 and 20 documents); the first has deletions."""
    path = tmp_path_factory.mktemp("whoosh-private")
    ix = windex.create_in(str(path), build_schema(), indexname=NAME)
    _write(ix, [_doc(i) for i in range(300)])
    _write(ix, [_doc(i) for i in range(300, 340)])
    _write(ix, [_doc(i) for i in range(340, 360)])
    writer = ix.writer()
    for i in (0, 1, 2, 150, 299):
        writer.delete_by_term("id", str(1000 + i))
    writer.commit(merge=False)
    ix.close()
    return path


@pytest.fixture
def searcher(index_dir: Path) -> Iterator[Searcher]:
    ix = windex.open_dir(str(index_dir), indexname=NAME, schema=build_schema())
    with ix.searcher() as s:
        yield s


def _public_postings(m: Any) -> list[tuple[int, float, Any]]:
    """Postings through the public one-at-a-time Matcher interface."""
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def _method_source(module: Any, cls: str, method: str) -> str:
    """The source of a method as the installed module defines it (before our patches)."""
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method:
                    return ast.unparse(item)
    raise AssertionError(_recheck(f"{cls}.{method} (no longer defined in {module.__name__})"))


# The pin


def test_installed_whoosh3_is_the_pinned_version() -> None:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = [d for d in deps if re.match(r"whoosh3\s*==", d)]
    assert len(pins) == 1, "pyproject.toml must pin whoosh3 exactly (==): these tests check it"
    pinned = pins[0].split("==", 1)[1].strip()
    assert importlib.metadata.version("whoosh3") == pinned, (
        f"whoosh3 {importlib.metadata.version('whoosh3')} is installed but {pinned} is pinned: "
        "reinstall the pin, or run this file against the new version and update the pin")


# whoosh_fixes.py: the two patches


def test_and_not_patch_is_applied_and_upstream_still_has_the_bug() -> None:
    assert AndNotMatcher._find_first is whoosh_fixes._find_first, "whoosh_fixes.apply() not run"
    upstream = _method_source(__import__("whoosh.matching.binary").matching.binary,
                              "AndNotMatcher", "_find_first")
    assert upstream == ast.unparse(ast.parse(textwrap.dedent("""\
        def _find_first(self):
            if self.a.is_active() and self.b.is_active() and self.a.id() == self.b.id():
                self._find_next()"""))), _recheck(
        "whoosh_fixes fix 1: AndNotMatcher._find_first changed upstream; if the bug is "
        "fixed there, drop the patch, else adapt it")
    # What the patch itself uses: the a/b children and _find_next skipping excluded ids.
    m = AndNotMatcher(ListMatcher([1, 3, 5]), ListMatcher([0, 1, 5]))
    assert list(m.all_ids()) == [3], _recheck("AndNotMatcher.a/.b/._find_next")


def test_buffer_file_patch_matches_the_upstream_constructor() -> None:
    assert BufferFile.__init__ is whoosh_fixes._buffer_file_init, "whoosh_fixes.apply() not run"
    import whoosh.filedb.structfile as structfile

    upstream = ast.parse(_method_source(structfile, "BufferFile", "__init__")).body[0]
    assert isinstance(upstream, ast.FunctionDef)
    params = [a.arg for a in upstream.args.args]
    assigned = {t.attr for node in ast.walk(upstream) if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Attribute)}
    assert params == ["self", "buf", "name", "onclose"], _recheck("BufferFile.__init__'s "
                                                                  "parameters (fix 2)")
    assert assigned == {"_buf", "_name", "file", "onclose", "is_real", "is_closed"}, _recheck(
        "the attributes BufferFile.__init__ sets: whoosh_fixes._buffer_file_init must set "
        "the same ones")
    assert "BytesIO(buf)" in ast.unparse(upstream), _recheck(
        "whether BufferFile still copies its buffer (if not, drop whoosh_fixes fix 2)")


def test_compound_segment_files_are_read_in_place(index_dir: Path) -> None:
    ix = windex.open_dir(str(index_dir), indexname=NAME, schema=build_schema())
    segment = ix._segments()[0]
    storage = FileStorage(str(index_dir))
    compound = segment.open_compound_file(storage)
    whole = (index_dir / segment.make_filename(".seg")).read_bytes()
    try:
        names = compound.list()
        assert names, _recheck("W3Segment.open_compound_file / CompoundStorage.list")
        for name in names:
            f = compound.open_file(name)
            assert isinstance(f, BufferFile), _recheck("CompoundStorage.open_file (mmap)")
            assert isinstance(f.file, whoosh_fixes._ViewFile), "fix 2 not in effect"
            offset, length = compound.range(name)
            assert f.read(length) == whole[offset:offset + length]
            f.seek(0)
            assert f.get(0, 16) == whole[offset:offset + 16]
            f.close()
    finally:
        compound.close()  # releasing every view lets the mmap close: no BufferError
        ix.close()


# scoring.py: posting blocks read straight from W3LeafMatcher


def test_leaf_matcher_blocks_equal_the_public_postings(searcher: Searcher) -> None:
    seg, _ = searcher.reader().leaf_readers()[1]  # no deletions: a bare W3LeafMatcher
    for field, text in (("body", COMMON), ("body", "recolte"), ("title", "titre")):
        m = seg.postings(field, text)
        assert isinstance(m, W3LeafMatcher), _recheck("SegmentReader.postings' matcher class")
        for attr in ("_data", "_read_data", "_byteids", "_blocklength", "_next_block"):
            assert hasattr(m, attr), _recheck(f"W3LeafMatcher.{attr} (scoring._blocks)")
        ours = [(i, float(w), v) for ids, weights, values in _blocks(m)
                for i, w, v in zip(ids, weights, values, strict=True)]
        assert ours == _public_postings(seg.postings(field, text)), _recheck(
            "W3LeafMatcher's block layout (_data = ids, weights, values; delta-coded ids)")
    weights = {w for _, w, _ in _public_postings(seg.postings("body", "recolte"))}
    assert weights == {1.0, 2.0, 3.0, 4.0}


def test_leaf_matcher_reads_several_blocks(searcher: Searcher) -> None:
    seg, _ = searcher.reader().leaf_readers()[0]
    m = seg.postings("body", COMMON).child
    blocks = [len(ids) for ids, _, _ in _blocks(m)]
    assert len(blocks) >= 2 and blocks[0] == BLOCK, _recheck("posting block size/_next_block")


def test_deletions_wrap_postings_in_an_excluding_filter(searcher: Searcher) -> None:
    seg, _ = searcher.reader().leaf_readers()[0]
    assert seg.has_deletions()
    gone = seg.deleted_docs_set
    assert isinstance(gone, frozenset) and gone == {0, 1, 2, 150, 299}, _recheck(
        "SegmentReader.deleted_docs_set (doc_table.live_docs)")
    m = seg.postings("body", COMMON)
    assert isinstance(m, FilterMatcher) and m._exclude and set(m._ids) == gone, _recheck(
        "FilterMatcher._exclude/_ids for deleted documents (scoring._read_term)")
    assert isinstance(m.child, W3LeafMatcher)


def test_set_scorer_postings_equal_whoosh_matching(searcher: Searcher) -> None:
    scorer = SetScorer(searcher, DocTable(searcher))
    for field, text in (("body", COMMON), ("body", "recolte"), ("body", "=récolte"),
                        ("body", "remplissage")):
        ids, weights = scorer.postings(field, text)
        q = wq.Term(field, text)
        assert ids.tolist() == sorted(searcher.docs_for_query(q)), (field, text)
        expected = []
        for seg, _ in searcher.reader().leaf_readers():
            expected += [w for _, w, _ in _public_postings(seg.postings(field, text))]
        assert weights.tolist() == expected
    # Segments with deletions stay on the block path (the one-by-one fallback has no
    # positions, and phrases would go back to Whoosh's slow matchers).
    assert scorer._values("body", COMMON) is not None, _recheck("scoring._read_term")


def test_unknown_term_raises_term_not_found(searcher: Searcher) -> None:
    seg, _ = searcher.reader().leaf_readers()[0]
    with pytest.raises(TermNotFound):
        seg.postings("body", "absentissime")


def test_positions_values_decode_like_whoosh(searcher: Searcher) -> None:
    fmt = build_schema()["body"].format
    assert isinstance(fmt, Positions), _recheck("the body field's posting format")
    assert fmt.encode([3, 300])[:6] == b"\x00\x00\x00\x02\x80\x02", _recheck(
        "Positions.encode (4-byte count + protocol-2 pickle of deltas; scoring's fast path)")
    for seg, _ in searcher.reader().leaf_readers():
        for text in (COMMON, "remplissage", "recolte"):
            postings = _public_postings(seg.postings("body", text))
            docs = np.array([d for d, _, _ in postings], dtype=np.int64)
            doc, pos = decode_positions([v for _, _, v in postings], docs)
            ours: dict[int, list[int]] = {}
            for d, p in zip(doc.tolist(), pos.tolist(), strict=True):
                ours.setdefault(d, []).append(p)
            theirs = {d: fmt.decode_positions(v) for d, _, v in postings}
            assert {d: sorted(p) for d, p in ours.items()} == theirs, text


# doc_table.py: readers, segments, columns


def test_leaf_readers_give_segment_readers_and_doc_bases(searcher: Searcher) -> None:
    leaves = searcher.reader().leaf_readers()
    assert [type(r) for r, _ in leaves] == [SegmentReader] * 3
    assert [base for _, base in leaves] == [0, 300, 340], _recheck("leaf_readers' doc bases")
    ids = {r.segment().segment_id() for r, _ in leaves}
    assert len(ids) == 3 and all(isinstance(i, str) for i in ids), _recheck(
        "Segment.segment_id (the segment cache key of doc_table)")
    assert sum(r.doc_count_all() for r, _ in leaves) == searcher.reader().doc_count_all()


def test_text_columns_read_in_one_slice(searcher: Searcher) -> None:
    for seg, _ in searcher.reader().leaf_readers():
        for name in ("src", "lang", "date"):
            assert seg.has_column(name)
            reader = seg.column_reader(name, translate=False)
            assert isinstance(reader, VarBytesColumn.Reader), _recheck(
                f"the column class of {name!r} (doc_table._raw_column)")
            assert {"_lengths", "_dbfile", "_basepos"} <= set(vars(reader)), _recheck(
                "VarBytesColumn.Reader's _lengths/_dbfile/_basepos")
            assert _raw_column(reader) == list(reader)
    table = DocTable(searcher)
    sources = table.column("src")
    for docnum in (3, 5, 301, 345):
        assert sources[docnum] == searcher.stored_fields(docnum).get("src", "")


def test_numeric_columns_hold_article_ids_and_lengths(searcher: Searcher) -> None:
    table = DocTable(searcher)
    aids = table.column("aid")
    assert aids[:3] == [1000, 1001, 1002] and aids[300] == 1300, _recheck("NumericColumn")
    assert all(isinstance(n, int) and n > 0 for n in table.column("blen"))


def test_compound_segments_are_whole_file_mmaps(index_dir: Path) -> None:
    """mapped_pages.py hooks CompoundStorage.__init__ and madvises its ``_source``."""
    import mmap

    from whoosh.filedb.compound import CompoundStorage

    from index.search import mapped_pages

    assert CompoundStorage.__init__ is mapped_pages._init, _recheck("CompoundStorage hook")
    storage = FileStorage(str(index_dir))
    seg_file = next(n for n in storage.list() if n.endswith(".seg"))
    compound = CompoundStorage(storage.open_file(seg_file))
    assert isinstance(compound._source, mmap.mmap), _recheck("CompoundStorage._source")
    assert compound in mapped_pages._STORAGES
    compound.close()


def test_numeric_columns_unpack_in_one_call_like_whoosh(searcher: Searcher) -> None:
    """doc_table._plain_column reads NumericColumn.Reader's _count/_doccount/_dbfile/
    _basepos/_fixedlen/_typecode/_default and unpacks the whole column at once."""
    for reader_, _base in searcher.leaf_searchers():
        seg = reader_.reader()
        for name in ("aid", "blen"):
            reader = seg.column_reader(name, translate=False)
            assert type(reader) is NumericColumn.Reader, _recheck(
                f"the column class of {name!r} (doc_table._plain_column)")
            for attr in ("_count", "_doccount", "_dbfile", "_basepos", "_fixedlen",
                         "_typecode", "_default"):
                assert hasattr(reader, attr), _recheck(f"NumericColumn.Reader.{attr}")
            assert _plain_column(reader) == list(reader)


# query_build.py and spelling.py: the lexicon


def test_prefix_iteration_gives_bytes_and_doc_frequencies(searcher: Searcher) -> None:
    reader = searcher.reader()
    field = reader.schema["body"]
    seg, _ = reader.leaf_readers()[2]
    found = {field.from_bytes(raw): info.doc_frequency()
             for raw, info in seg.iter_prefix("body", "rec")}
    assert found == {"recolte": 20}, _recheck("SegmentReader.iter_prefix (query_build)")
    expanded = [field.from_bytes(b) for b in reader.expand_prefix("body", "=r")]
    assert expanded == ["=récolte"], _recheck("IndexReader.expand_prefix")


def test_terms_within_walks_one_segment(searcher: Searcher) -> None:
    params = list(inspect.signature(SegmentReader.terms_within).parameters)
    assert params == ["self", "fieldname", "text", "maxdist", "prefix"], _recheck(
        "SegmentReader.terms_within's signature (query_build.near_terms)")
    seg, _ = searcher.reader().leaf_readers()[0]
    assert set(seg.terms_within("body", "comun", 1, prefix=1)) == {COMMON}
    assert set(seg.terms_within("body", "xommun", 1, prefix=1)) == set()  # first letter kept


def test_levenshtein_distance_counts_transpositions_and_stops_at_limit() -> None:
    assert distance("belousof", "belousov") == 1
    assert distance("ab", "ba") == 1, _recheck("levenshtein.distance is Damerau's")
    assert distance("abcdef", "uvwxyz", limit=2) == 3, _recheck("distance's limit")


# engine.py: table of contents, pinned generations, merges, writers


def test_toc_read_with_a_schema_never_unpickles_the_stored_one(tmp_path: Path) -> None:
    ix = windex.create_in(str(tmp_path), build_schema(), indexname=NAME)
    _write(ix, [_doc(1)])
    ix.close()
    storage = FileStorage(str(tmp_path))
    gen = TOC._latest_generation(storage, NAME)
    assert gen == 1, _recheck("TOC._latest_generation")
    toc_file = tmp_path / TOC._filename(NAME, gen)
    data = toc_file.read_bytes()
    start = data.index(b"\x80")  # the pickled schema: the first pickle in the file
    toc_file.write_bytes(data[:start] + b"\xff" + data[start + 1:])  # no longer loads
    schema = build_schema()
    toc = TOC.read(storage, NAME, gen=gen, schema=schema)
    assert toc.schema is schema and toc.generation == gen and len(toc.segments) == 1, _recheck(
        "TOC.read(storage, name, gen=, schema=) (engine.TrustedIndex)")
    with pytest.raises(Exception):  # noqa: B017 - any unpickling error shows the pickle was read
        TOC.read(storage, NAME, gen=gen)


class _Pinned(FileIndex):
    """What engine.TrustedIndex does: a FileIndex pinned to one generation."""

    def __init__(self, directory: Path, gen: int) -> None:
        self.storage = FileStorage(str(directory))
        self._schema = build_schema()
        self.indexname = NAME
        self.gen = gen

    def _read_toc(self) -> TOC:
        return TOC.read(self.storage, self.indexname, gen=self.gen, schema=self._schema)

    def latest_generation(self) -> int:
        return self.gen


def test_file_index_reads_and_writes_through_read_toc(tmp_path: Path) -> None:
    init = ast.parse(textwrap.dedent(inspect.getsource(FileIndex.__init__)))
    assigned = {t.attr for node in ast.walk(init) if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Attribute)}
    assert assigned == {"storage", "_schema", "indexname"}, _recheck(
        "FileIndex.__init__'s attributes (engine.TrustedIndex sets them itself)")
    ix = windex.create_in(str(tmp_path), build_schema(), indexname=NAME)
    _write(ix, [_doc(1)])
    first = tmp_path / TOC._filename(NAME, 1)
    kept = first.read_bytes()
    _write(ix, [_doc(2)])  # generation 2; Whoosh deletes the first TOC, a reader keeps it
    first.write_bytes(kept)
    with ix.searcher() as s:
        assert s.doc_count() == 2
    pinned = _Pinned(tmp_path, 1)
    with pinned.searcher() as s:
        assert s.doc_count() == 1, _recheck("FileIndex.searcher/reader going through _read_toc")
    writer = pinned.writer()
    assert writer.generation == 2, _recheck("SegmentWriter taking its generation from _read_toc")
    writer.cancel()
    assert not pinned.is_empty()


def test_merge_policy_contract(tmp_path: Path) -> None:
    """``commit(mergetype=f)`` calls f(writer, segments) and keeps what it returns;
    ``SegmentReader(storage, schema, segment)`` and ``writer.add_reader`` merge segments."""
    params = list(inspect.signature(SegmentReader.__init__).parameters)[:4]
    assert params == ["self", "storage", "schema", "segment"], _recheck("SegmentReader()")
    ix = windex.create_in(str(tmp_path), build_schema(), indexname=NAME)
    for i in range(MERGE_COUNT):
        _write(ix, [_doc(i)])
    assert len(ix._segments()) == MERGE_COUNT
    writer = ix.writer()
    writer.add_document(**doc_fields(_doc(99)))
    writer.commit(mergetype=merge_small)
    assert len(ix._segments()) == 1, _recheck("commit(mergetype=) / add_reader (merge_small)")
    with ix.searcher() as s:
        assert s.doc_count() == MERGE_COUNT + 1


def test_writer_options_the_engine_passes() -> None:
    from whoosh.multiproc import MpWriter
    from whoosh.writing import SegmentWriter

    assert "limitmb" in inspect.signature(SegmentWriter.__init__).parameters, _recheck(
        "SegmentWriter(limitmb=)")
    assert {"procs", "multisegment"} <= set(inspect.signature(MpWriter.__init__).parameters), (
        _recheck("MpWriter(procs=, multisegment=) (bulk rebuilds)"))


def test_multiprocess_writer_internals_subwriters_override() -> None:
    """index/search/subwriters.py replaces ``MpWriter._new_task`` (to start its own
    ``SubWriterTask`` subclass) and ``cancel`` (which upstream only flips a flag)."""
    import multiprocessing

    import whoosh.multiproc as multiproc
    from whoosh.multiproc import SubWriterTask

    assert issubclass(SubWriterTask, multiprocessing.Process)
    params = list(inspect.signature(SubWriterTask.__init__).parameters)
    assert params == ["self", "storage", "indexname", "jobqueue", "resultqueue", "kwargs",
                      "multisegment"], _recheck("SubWriterTask's constructor (subwriters.py)")
    new_task = _method_source(multiproc, "MpWriter", "_new_task")
    assert ("args = (self.storage, self.indexname, self.jobqueue, self.resultqueue, "
            "self.subargs, self.multisegment)") in new_task, _recheck(
        "MpWriter._new_task's task arguments (subwriters.GuardedMpWriter._new_task)")
    assert "self._new_task()" in _method_source(multiproc, "MpWriter", "_enqueue"), _recheck(
        "MpWriter._enqueue starting tasks through _new_task")
    init = ast.parse(_method_source(multiproc, "MpWriter", "__init__"))
    assigned = {t.attr for node in ast.walk(init) if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Attribute)}
    assert {"tasks", "jobqueue", "resultqueue", "subargs", "multisegment"} <= assigned, (
        _recheck("the MpWriter attributes subwriters.py uses"))
    assert _method_source(multiproc, "SubWriterTask", "cancel") == ast.unparse(ast.parse(
        "def cancel(self):\n    self.running = False")), _recheck(
        "SubWriterTask.cancel: if it now stops the child, GuardedMpWriter.cancel may go")


def test_damaged_postings_raise_corrupt_index_error() -> None:
    """upkeep.DAMAGE turns these into a rebuild; a damaged block must not raise anything
    else (the header check is the first read of any posting list)."""
    fmt = build_schema()["body"].format
    with pytest.raises(CorruptIndexError):
        W3LeafMatcher(BufferFile(b"JUNK" + bytes(60)), 0, 64, fmt)
    assert issubclass(windex.IndexError, Exception), _recheck("whoosh.index.IndexError")


# highlight.py, scoring.py, query_build.py: the query objects' attributes


def test_query_objects_expose_what_we_walk() -> None:
    term = wq.Term("body", "mot", boost=2.0)
    assert (term.fieldname, term.text, term.boost) == ("body", "mot", 2.0)
    assert wq.Or([term, term]).subqueries == [term, term]
    assert wq.And([term, term]).subqueries == [term, term]
    andnot = wq.AndNot(term, wq.Term("lang", "en"))
    assert (andnot.a, andnot.b) == (term, wq.Term("lang", "en"))
    phrase = wq.Phrase("body", ["a", "b"], slop=3, boost=0.5)
    assert (phrase.fieldname, phrase.words, phrase.slop, phrase.boost) == (
        "body", ["a", "b"], 3, 0.5)
    rng = wq.NumericRange("day", 20250101, None)
    assert (rng.fieldname, rng.start, rng.end) == ("day", 20250101, None)
    assert isinstance(wq.NullQuery, wq.Query), _recheck("wq.NullQuery as a shared instance")
