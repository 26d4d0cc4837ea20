"""The report writers: JSON shape, badge schema, Markdown, atomic writes, unwritable folders."""

import json
import os

import pytest

from reproductions.suite import render, report
from reproductions.suite.registry import CLAIMS, REGISTRY

IDS = [c.id for c in CLAIMS]


def lane_of(entries):
    """One lane as matrix.load_lane reads it from disk, held in memory."""
    lane = {"lane": "a", "tensorflow": "2.21.0", "keras": "3", "numpy": "2", "python": "3.11", "partial": False}
    return {**lane, "generated": "", "folder": "a", "registered": IDS, "entries": entries}


def sample_entries():
    measured = {
        "verdict": "reproduced",
        "measured": {"x": 1.0},
        "checks": [{"ok": True, "text": "x ok", "metric": "x"}],
        "explains": [],
        "seeds": [0],
        "scale": "quick",
        "device": "cpu",
        "duration_s": 0.1,
        "figures": [],
    }
    return {
        "xnor.gates.xnor_net": report.entry_for(REGISTRY["xnor.gates.xnor_net"], "passed", result=measured),
        "ltfn.retro.kaggle": report.entry_for(REGISTRY["ltfn.retro.kaggle"], "skipped", "unavailable: no code"),
        "xnor.train.final_loss": report.entry_for(
            REGISTRY["xnor.train.final_loss"], "failed", "boom", result={**measured, "verdict": "not-reproduced"}
        ),
    }


def test_entries_carry_every_field_the_report_promises():
    built = report.build(sample_entries(), {"scale": "quick"}, IDS)
    for entry in built["claims"]:
        for key in (
            "id",
            "source",
            "statement",
            "documented",
            "measured",
            "judge",
            "expected_verdict",
            "verdict",
            "outcome",
            "seeds",
            "duration_s",
        ):
            assert key in entry
    assert [e["id"] for e in built["claims"]] == ["xnor.gates.xnor_net", "xnor.train.final_loss", "ltfn.retro.kaggle"]
    assert built["summary"]["reproduced"] == 1 and built["summary"]["unavailable"] == 1


def test_badge_follows_the_shields_endpoint_schema():
    endpoint = render.badge(report.build(sample_entries(), {}, IDS))
    assert set(endpoint) == {"schemaVersion", "label", "message", "color"} and endpoint["schemaVersion"] == 1
    assert endpoint["message"] == f"1/{len(REGISTRY)} claims reproduced, 1 failing" and endpoint["color"] == "red"
    assert endpoint["message"] in render.badge_svg(endpoint)


def proxy_entries():
    """A claim reproduced on a quick-scale stand-in, its documented number left to the documented scale."""
    result = {
        "verdict": "reproduced",
        "basis": "proxy",
        "measured": {"he_test_acc": 87.3},
        "not_judged": ["test accuracy % (judged at the documented scale only)"],
        "checks": [{"ok": True, "text": "test accuracy % = 87.3 ≥ 80", "metric": "he_test_acc"}],
        "explains": [],
        "seeds": [0],
        "scale": "quick",
        "device": "cpu",
        "duration_s": 1.0,
        "figures": [],
    }
    documented = {
        **result,
        "basis": "documented",
        "not_judged": [],
        "measured": {"x": 1.0},
        "checks": [{"ok": True, "text": "x ok", "metric": "x"}],
    }
    return {
        "ltfn6.vs_xavier_init": report.entry_for(REGISTRY["ltfn6.vs_xavier_init"], "passed", result=result),
        "xnor.gates.xnor_net": report.entry_for(REGISTRY["xnor.gates.xnor_net"], "passed", result=documented),
    }


def test_a_verdict_by_proxy_says_so_wherever_the_verdict_is_shown():
    """Finding: quick-scale stand-ins read as full verdicts in the table, claims.md, README and badge."""
    from reproductions.suite import matrix

    built = report.build(proxy_entries(), {"scale": "quick", "environment": {}}, IDS)
    assert built["summary"]["reproduced"] == 2 and built["summary"]["by_proxy"] == 1
    assert render.badge(built)["message"] == f"1/{len(REGISTRY)} claims reproduced · 1 by proxy"
    table = "\n".join(line for line, _ in render.terminal_table(built))
    assert "reproduced (proxy)" in table and table.count("(proxy)") == 1
    md = render.markdown(built)
    assert "reproduced (proxy)" in md and f"1/{len(REGISTRY)} reproduced · 1 by proxy" in md.splitlines()[2]
    assert f"*1/{len(REGISTRY)} reproduced · 1 by proxy ·" in render.readme_table(built)
    assert "not judged at the quick scale: test accuracy % (judged at the documented scale only)" in md
    assert (
        "| `ltfn6.vs_xavier_init` | test_cost=0.0945288215741; test_accuracy=97.2900004387 | "
        "he_test_acc=87.3 | reproduced (proxy) |" in render.readme_table(built)
    )
    by_id = {e["id"]: e for e in built["claims"]}
    assert matrix.cell(by_id["ltfn6.vs_xavier_init"])["basis"] == "proxy"
    assert matrix.cell(by_id["xnor.gates.xnor_net"])["basis"] == "documented"
    merged = matrix.markdown(matrix.build([lane_of(by_id)]))
    assert "**reproduced (proxy)**" in merged


def test_write_produces_complete_files_and_no_leftovers(tmp_path):
    report.write(tmp_path, report.build(sample_entries(), {"scale": "quick"}, IDS))
    assert sorted(os.listdir(tmp_path)) == sorted(report.FILES)
    assert json.loads((tmp_path / "claims.json").read_text())["summary"]["failed"] == 1
    assert "xnor.gates.xnor_net" in (tmp_path / "claims.md").read_text()


def test_a_failed_write_leaves_the_previous_report(tmp_path, monkeypatch):
    report.write(tmp_path, report.build(sample_entries(), {}, IDS))
    before = (tmp_path / "claims.json").read_text()

    def broken_markdown(_):
        raise OSError("disk full")

    monkeypatch.setattr(report, "markdown", broken_markdown)
    with pytest.raises(OSError):
        report.write(tmp_path, report.build({}, {}, IDS))
    assert (tmp_path / "claims.json").read_text() == before
    assert sorted(os.listdir(tmp_path)) == sorted(report.FILES)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_unwritable_folder_is_one_line(tmp_path):
    tmp_path.chmod(0o500)
    with pytest.raises(report.ReportDirError, match="cannot write the report"):
        report.check_writable(tmp_path / "reports")


def test_a_file_in_the_way_is_one_line(tmp_path):
    (tmp_path / "reports").write_text("not a folder")
    with pytest.raises(report.ReportDirError, match="cannot write the report to"):
        report.check_writable(tmp_path / "reports")


# ---- the report is one set of files, in strict JSON -------------------------------------------------
META = {"scale": "quick", "environment": {"tensorflow": "2.21.0"}, "generated": "2026-11-30T00:00:00+00:00"}


def test_a_rename_that_fails_midway_puts_the_previous_set_back(tmp_path, monkeypatch):
    report.write(tmp_path, report.build(sample_entries(), META, IDS))
    before = {name: (tmp_path / name).read_text() for name in report.FILES}
    real_replace, calls = os.replace, []

    def third_rename_fails(source, destination):
        calls.append(destination)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(report.os, "replace", third_rename_fails)
    with pytest.raises(report.ReportDirError, match="No space left on device"):
        report.write(tmp_path, report.build({}, {**META, "scale": "documented"}, IDS))
    monkeypatch.undo()
    assert {name: (tmp_path / name).read_text() for name in report.FILES} == before
    assert sorted(os.listdir(tmp_path)) == sorted(report.FILES)  # nothing staged is left behind
    assert report.read(tmp_path / "claims.json")["meta"]["scale"] == "quick"


def test_readers_refuse_a_mixed_set_of_report_files(tmp_path):
    report.write(tmp_path, report.build(sample_entries(), META, IDS))
    (tmp_path / "claims.md").write_text("# a report of another run\n")
    with pytest.raises(report.ReportError, match="claims.md beside it is not the one this report wrote"):
        report.read(tmp_path / "claims.json")


def test_non_finite_measurements_are_written_as_strict_json(tmp_path):
    entries = sample_entries()
    entries["xnor.gates.xnor_net"]["measured"] = {"loss": float("nan"), "range": [1.0, float("inf")]}
    report.write(tmp_path, report.build(entries, META, IDS))

    def refuse(constant):
        raise AssertionError(f"{constant} in claims.json")

    data = json.loads((tmp_path / "claims.json").read_text(), parse_constant=refuse)
    assert data["claims"][0]["measured"] == {"loss": "NaN", "range": [1.0, "Infinity"]}
    assert report.read(tmp_path / "claims.json")["claims"][0]["measured"]["loss"] == "NaN"


def test_a_nan_literal_is_one_line(tmp_path):
    report.write(tmp_path, report.build(sample_entries(), META, IDS))
    text = (tmp_path / "claims.json").read_text().replace('"scale": "quick"', '"scale": NaN')
    (tmp_path / "claims.json").write_text(text)
    with pytest.raises(report.ReportError, match="NaN is not valid JSON"):
        report.read(tmp_path / "claims.json")


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda r: r["meta"]["environment"].update(tensorflow=None), "meta.environment.tensorflow is NoneType"),
        (lambda r: r["claims"][0].pop("verdict"), "claims[0].verdict is missing"),
        (lambda r: r.update(summary={}), "summary.registered is missing"),
        (lambda r: r["meta"].update(generated=5), "meta.generated is int"),
        (lambda r: r["claims"][0].update(checks=["x"]), "claims[0].checks[0] is str"),
        (lambda r: r.update(files=[]), "files must map report files"),
    ],
)
def test_a_damaged_report_is_one_line(tmp_path, damage, message):
    report.write(tmp_path, report.build(sample_entries(), META, IDS))
    data = json.loads((tmp_path / "claims.json").read_text())
    damage(data)
    (tmp_path / "claims.json").write_text(json.dumps(data))
    with pytest.raises(report.ReportError) as caught:
        report.read(tmp_path / "claims.json")
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "sibling, message",
    [(None, "claims.md is missing beside it"), (b"\xff\xfe not text", "not the one this report wrote")],
)
def test_a_missing_or_unreadable_sibling_is_one_line(tmp_path, sibling, message):
    report.write(tmp_path, report.build(sample_entries(), META, IDS))
    if sibling is None:
        (tmp_path / "claims.md").unlink()
    else:
        (tmp_path / "claims.md").write_bytes(sibling)
    with pytest.raises(report.ReportError, match=message):
        report.read(tmp_path / "claims.json")


def test_a_claim_this_machine_could_not_run_reads_not_judged_here():
    from reproductions.suite.render import verdict_text

    assert verdict_text({"verdict": None, "outcome": "skipped"}) == "not judged here"
    unjudged = {"verdict": None, "outcome": "skipped", "reason": REGISTRY["ltfn5.test_acc"].skip_reason_at("quick")}
    assert verdict_text(unjudged) == "not judged at the quick scale"
    # counted wherever proxies are: the badge does not lose the claims it skips
    entries = {"ltfn5.test_acc": report.entry_for(REGISTRY["ltfn5.test_acc"], "skipped", unjudged["reason"])}
    built = report.build(entries, {}, IDS)
    assert built["summary"]["not_judged_at_scale"] == 1
    assert render.badge(built)["message"] == f"0/{len(REGISTRY)} claims reproduced · 1 not judged at the quick scale"
    assert verdict_text({"verdict": "unavailable", "outcome": "skipped"}) == "unavailable"
    assert verdict_text({"verdict": "reproduced", "basis": "proxy", "outcome": "passed"}) == "reproduced (proxy)"


def test_a_verdict_on_a_stand_in_says_so_wherever_the_verdict_is_shown():
    from reproductions.suite import compare, matrix

    claim = REGISTRY["logic.k9.and_nand"]
    assert claim.stand_in  # no original code: k9 was not found
    result = {
        "verdict": "reproduced",
        "basis": "stand-in",
        "measured": {"largest_error": 0.003},
        "seeds": [0],
        "checks": [{"ok": True, "state": "holds", "text": "pattern", "metric": "largest_error"}],
        "scale": "quick",
        "device": "cpu",
    }
    entries = {claim.id: report.entry_for(claim, "passed", result=result)}
    built = report.build(entries, {"scale": "quick", "environment": {}}, IDS)
    assert built["summary"]["by_stand_in"] == 1
    assert render.badge(built)["message"] == f"0/{len(REGISTRY)} claims reproduced · 1 on stand-ins"
    assert "reproduced (stand-in)" in "\n".join(line for line, _ in render.terminal_table(built))
    md = render.markdown(built)
    assert "reproduced (stand-in)" in md and "**Stand-in:** no original code; judged on our model: a sigmoid" in md
    assert "| reproduced (stand-in) |" in render.readme_table(built)
    lane = lane_of({e["id"]: e for e in built["claims"]})
    assert "**reproduced (stand-in)**" in matrix.markdown(matrix.build([lane]))
    assert (
        compare._verdict({"verdict": "reproduced", "basis": "stand-in", "outcome": "passed"}) == "reproduced (stand-in)"
    )


def test_what_decides_a_verdict_stands_apart_from_what_explains_it():
    """claims.md lists the checks, then the explanations under their own heading; the tables' measured
    column reads the checks' metrics, not an explanation's."""
    result = {
        "verdict": "reproduced",
        "measured": {"after_training": 5.3, "at_init": 1.4},
        "checks": [{"ok": True, "text": "after training: 5.3 ≤ 10", "metric": "after_training"}],
        "explains": [{"ok": True, "text": "at initialization: 1.4 ≤ 2", "metric": "at_init"}],
        "seeds": [0],
        "scale": "quick",
        "device": "cpu",
        "duration_s": 1.0,
        "figures": [],
    }
    entry = report.entry_for(REGISTRY["ltfn6.vs_hist_stable"], "passed", result=result)
    built = report.build({"ltfn6.vs_hist_stable": entry}, {"scale": "quick", "environment": {}}, IDS)
    md = render.markdown(built)
    assert md.index("after training: 5.3") < md.index("Explained by") < md.index("at initialization: 1.4")
    assert "after_training=5.3" in render.readme_table(built) and "at_init=" not in render.readme_table(built)


def test_an_artifact_on_a_stand_in_is_counted_apart_as_a_reproduced_one_is():
    result = {"verdict": "artifact", "basis": "stand-in", "measured": {"x": 1.0}, "checks": [], "seeds": [0]}
    entry = report.entry_for(REGISTRY["lcd.dnn.copes_with_jitter"], "passed", result=result)
    built = report.build({"lcd.dnn.copes_with_jitter": entry}, {"scale": "quick", "environment": {}}, IDS)
    assert "1 artifact (1 on a stand-in)" in render.markdown(built).splitlines()[2]
    assert "1 artifact (1 on a stand-in) · 0 not reproduced" in render.readme_table(built)
