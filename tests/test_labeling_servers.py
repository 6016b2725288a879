"""Our exports against the real Label Studio 1.23 and doccano 1.8 servers, and their exports back.

The servers run from their own virtual environments (`scripts/labeling_servers.sh`), on
127.0.0.1 with temporary data folders, once per session, and are stopped by PID at the
end. Skip them locally with `-m "not labeling_servers"`. When CI or
GOVREPORT_REQUIRE_LABELING_SERVERS is set (scripts/test.sh sets it, after installing the
servers), a server that cannot be installed or started fails the run instead of skipping it.
"""

from __future__ import annotations

import copy
import io
import json
import os
import socket
import subprocess
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from test_export_formats import tricky_document

import govreport_nlp
from govreport_nlp.doc.attrs import canonical_attrs
from govreport_nlp.evaluate import pair_documents, read_jsonl, score
from govreport_nlp.export import doccano, label_studio

pytestmark = pytest.mark.labeling_servers

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "labeling_servers.sh"
PASSWORD = "govreport-nlp-test"
LS_TOKEN = "govreportnlptesttoken0000000000000000000"
LOOPBACK = ("0100007F", "00000000000000000000000001000000")  # 127.0.0.1 and ::1 as /proc/net/tcp* writes them
START_TIMEOUT = 240  # seconds; Label Studio migrates a new database on its first start


def _unavailable(message: str) -> None:
    if os.environ.get("CI") or os.environ.get("GOVREPORT_REQUIRE_LABELING_SERVERS"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_up(url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else "(no log)"
    _unavailable(f"{url} did not answer within {START_TIMEOUT} s; log:\n{tail}")


def _listening_only_on_loopback(port: int) -> bool:
    """Whether nothing listens on `port` at an address other than loopback (read from /proc/net/tcp*)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.rsplit(":", 1)
            listening = state == "0A" and int(hex_port, 16) == port
            if listening and address not in LOOPBACK:
                return False
    return True


def _running(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting for its parent to collect it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class Servers:
    label_studio: str
    doccano: str
    label_studio_port: int
    doccano_port: int


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    install = subprocess.run(["bash", str(SCRIPT), "install"], capture_output=True, text=True, timeout=1500)
    if install.returncode != 0:
        _unavailable(f"installing the labeling servers failed:\n{install.stderr[-2000:]}")
    root = tmp_path_factory.mktemp("labeling-servers")
    ls_dir, dc_dir = root / "label-studio", root / "doccano"
    ls_port, dc_port = _free_port(), _free_port()
    try:
        for tool, folder, port in (("label-studio", ls_dir, ls_port), ("doccano", dc_dir, dc_port)):
            started = subprocess.run(["bash", str(SCRIPT), "start", tool, str(folder), str(port)],
                                     capture_output=True, text=True, timeout=300)
            if started.returncode != 0:
                _unavailable(f"starting {tool} failed:\n{started.stderr[-2000:]}")
        _wait_until_up(f"http://127.0.0.1:{ls_port}/health", ls_dir / "label-studio.log")
        _wait_until_up(f"http://127.0.0.1:{dc_port}/v1/health/", dc_dir / "doccano-web.log")
        yield Servers(f"http://127.0.0.1:{ls_port}", f"http://127.0.0.1:{dc_port}", ls_port, dc_port)
    finally:
        pids = [int(p) for folder in (ls_dir, dc_dir) if (folder / "pids").exists()
                for p in (folder / "pids").read_text().split()]
        for folder in (ls_dir, dc_dir):
            subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], timeout=60, check=False)
        alive = [pid for pid in pids if _running(pid)]
        assert not alive, f"server processes still running after stop: {alive}"


@pytest.fixture(scope="module")
def documents(nlp_char) -> list[dict[str, Any]]:
    """The seeds as the pipeline annotates them, the gold seeds (all layers), and the tricky text."""
    seeds = [govreport_nlp.annotate(path, nlp=nlp_char, doc_id=f"pipeline/{path.stem}")
             for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))]
    return [*seeds, *read_jsonl(ROOT / "corpus" / "gold" / "seeds.jsonl"), tricky_document()]


def annotations(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents without their report sections, which a labeling tool neither shows nor returns."""
    return [{k: v for k, v in d.items() if k != "sections"} for d in docs]


def test_servers_listen_only_on_loopback(servers):
    assert _listening_only_on_loopback(servers.label_studio_port)
    assert _listening_only_on_loopback(servers.doccano_port)


# --- Label Studio ---------------------------------------------------------------------------------


class LabelStudio:
    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {LS_TOKEN}"

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(method, self.url + path, timeout=120, **kwargs)
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text[:1000]}"
        return response.json()

    def project_with_tasks(self, title: str, tasks: list[dict[str, Any]]) -> int:
        config = label_studio.labeling_config()
        project = self.call("POST", "/api/projects", json={"title": title, "label_config": config})
        imported = self.call("POST", f"/api/projects/{project['id']}/import", json=tasks)
        assert imported["task_count"] == len(tasks) and imported["prediction_count"] == len(tasks)
        return int(project["id"])

    def tasks(self, project: int) -> list[dict[str, Any]]:
        listed = self.call("GET", "/api/tasks", params={"project": project, "fields": "all", "page_size": 1000})
        return sorted(listed["tasks"], key=lambda t: t["id"])

    def export(self, project: int) -> list[dict[str, Any]]:
        exported: list[dict[str, Any]] = self.call("GET", f"/api/projects/{project}/export",
                                                   params={"exportType": "JSON", "download_all_tasks": "true"})
        return sorted(exported, key=lambda t: t["id"])


def test_label_studio_keeps_every_span_and_offset(servers, documents):
    ls = LabelStudio(servers.label_studio)
    sent = label_studio.to_label_studio(documents)
    project = ls.project_with_tasks("govreport-nlp pre-annotations", sent)
    stored = ls.tasks(project)
    assert len(stored) == len(documents)
    for task, original, data in zip(stored, sent, documents, strict=True):
        assert task["data"]["text"] == data["text"]
        regions = [r["value"] for r in task["predictions"][0]["result"] if r["type"] == "labels"]
        assert regions == [r["value"] for r in original["predictions"][0]["result"] if r["type"] == "labels"]
        for value in regions:
            assert data["text"][value["start"]:value["end"]] == value["text"]
        assert task["predictions"][0]["model_version"] == original["predictions"][0]["model_version"]
    assert label_studio.from_label_studio(stored, use_predictions=True) == annotations(documents)


def test_label_studio_corrected_export_comes_back_through_the_importer(servers, documents):
    ls = LabelStudio(servers.label_studio)
    data = tricky_document()
    gold = read_jsonl(ROOT / "corpus" / "gold" / "seeds.jsonl")[0]
    project = ls.project_with_tasks("govreport-nlp corrections", label_studio.to_label_studio([data, gold]))
    task = ls.tasks(project)[0]
    # The annotator deletes 太原, changes a comparator and adds a PROGRAM after the emoji.
    result = copy.deepcopy(task["predictions"][0]["result"])
    region = {r["value"]["text"]: r["id"] for r in result if r["type"] == "labels"}
    result = [r for r in result if r.get("id") != region["太原"]]
    for item in result:
        if item.get("id") == region["5%左右"] and item["from_name"] == "quantity_comparator":
            item["value"]["choices"] = [">="]
    start = data["text"].index("報告")
    result.append({"id": "added", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": start, "end": start + 2, "text": "報告", "labels": ["PROGRAM"]}})
    ls.call("POST", f"/api/tasks/{task['id']}/annotations", json={"result": result, "was_cancelled": False})

    corrected = label_studio.from_label_studio(ls.export(project))
    assert len(corrected) == 1  # the gold task has no annotation
    expected = copy.deepcopy(data)
    expected["spans"] = [s for s in expected["spans"] if s["text"] != "太原"]
    next(s for s in expected["spans"] if s["text"] == "5%左右")["attrs"]["comparator"] = ">="
    expected["spans"].append({"label": "PROGRAM", "start": start, "end": start + 2, "text": "報告",
                              "attrs": canonical_attrs("PROGRAM", {})})  # an added span carries every attribute, empty
    expected["spans"].sort(key=lambda s: (s["start"], s["end"], ["PLACE", "PROGRAM", "QUANTITY", "COMMITMENT"]
                                          .index(s["label"])))
    assert corrected == [expected]
    report = score(pair_documents(corrected, [data]))
    assert report.f1("PLACE") < 1.0 and report.f1("QUANTITY") == 1.0


# --- doccano --------------------------------------------------------------------------------------


class Doccano:
    def __init__(self, url: str) -> None:
        self.url = url
        login = requests.post(f"{url}/v1/auth/login/", json={"username": "admin", "password": PASSWORD}, timeout=60)
        assert login.status_code == 200, login.text
        self.session = requests.Session()  # token only: a session cookie would demand CSRF tokens
        self.session.headers["Authorization"] = f"Token {login.json()['key']}"

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(method, self.url + path, timeout=120, **kwargs)
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text[:1000]}"
        return response.json() if response.content and "json" in response.headers.get("content-type", "") else response

    def wait(self, task_id: str) -> dict[str, Any]:
        for _ in range(240):
            status: dict[str, Any] = self.call("GET", f"/v1/tasks/status/{task_id}")
            if status.get("ready"):
                return status
            time.sleep(0.5)
        raise AssertionError(f"doccano task {task_id} did not finish")

    def project_with_lines(self, name: str, lines: list[dict[str, Any]], *, relations: bool) -> int:
        project = self.call("POST", "/v1/projects", json={
            "name": name, "description": "govreport-nlp", "guideline": "", "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject", "allow_overlapping": True, "use_relation": relations})
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
        upload = self.call("POST", "/v1/fp/process/", files={"filepond": ("tasks.jsonl", body, "application/json")})
        task = self.call("POST", f"/v1/projects/{project['id']}/upload", json={
            "uploadIds": [upload.text.strip()], "format": "JSONL", "encoding": "utf_8",
            "task": "RelationExtraction" if relations else "SequenceLabeling",
            "column_data": "text", "column_label": "label"})
        status = self.wait(task["task_id"])
        assert status["result"] == {"error": []}, status
        return int(project["id"])

    def lines(self, project: int, *, relations: bool) -> list[dict[str, Any]]:
        """Each example as a line of doccano's JSONL export (relation form or `label` triples), read through the API."""
        types = {t["id"]: t["text"] for t in self.call("GET", f"/v1/projects/{project}/span-types")}
        examples = self.call("GET", f"/v1/projects/{project}/examples", params={"limit": 1000})["results"]
        out = []
        for example in sorted(examples, key=lambda e: e["id"]):
            base = f"/v1/projects/{project}/examples/{example['id']}"
            spans = self.call("GET", f"{base}/spans")
            line = {"id": example["id"], "text": example["text"], **example["meta"]}
            if not relations:
                line["label"] = [[s["start_offset"], s["end_offset"], types[s["label"]]] for s in spans]
            else:
                line["entities"] = [{"id": s["id"], "label": types[s["label"]], "start_offset": s["start_offset"],
                                     "end_offset": s["end_offset"]} for s in spans]
                line["relations"] = [{"id": r["id"], "from_id": r["from_id"], "to_id": r["to_id"], "type": "target"}
                                     for r in self.call("GET", f"{base}/relations")]
            out.append(line)
        return out

    def export(self, project: int) -> list[dict[str, Any]]:
        task = self.call("POST", f"/v1/projects/{project}/download", json={"format": "JSONL", "exportApproved": False})
        self.wait(task["task_id"])
        archive = self.call("GET", f"/v1/projects/{project}/download", params={"taskId": task["task_id"]})
        with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
            text = zipped.read(zipped.namelist()[0]).decode("utf-8")
        return sorted((json.loads(line) for line in text.splitlines() if line.strip()), key=lambda d: d["id"])


@pytest.mark.parametrize("relations", [False, True], ids=["sequence", "relations"])
def test_doccano_keeps_every_span_and_offset(servers, documents, relations):
    dc = Doccano(servers.doccano)
    lines = [doccano.to_doccano(d, relations=relations) for d in documents]
    project = dc.project_with_lines(f"govreport-nlp {relations}", lines, relations=relations)
    stored = dc.lines(project, relations=relations)
    assert [line["text"] for line in stored] == [d["text"] for d in documents]
    for line, sent, data in zip(stored, lines, documents, strict=True):
        units = doccano.Utf16Offsets(data["text"])
        items = line["entities"] if relations else [dict(zip(("start_offset", "end_offset", "label"), t, strict=True))
                                                    for t in line["label"]]
        got = sorted((e["start_offset"], e["end_offset"], e["label"]) for e in items)
        expected = sorted((units.to_utf16(s["start"]), units.to_utf16(s["end"]), s["label"]) for s in data["spans"])
        assert got == expected
        assert {k: line[k] for k in doccano.META_KEYS} == {k: sent[k] for k in doccano.META_KEYS}
        if relations:
            assert len(line["relations"]) == len(sent["relations"])
    # Attributes come back from the meta; targets from the relations, or from the meta without them.
    assert doccano.from_doccano(stored) == annotations(documents)


def test_doccano_corrected_export_comes_back_through_the_importer(servers):
    dc = Doccano(servers.doccano)
    data = tricky_document()
    project = dc.project_with_lines("govreport-nlp corrections", [doccano.to_doccano(data, relations=True)],
                                    relations=True)
    example = dc.call("GET", f"/v1/projects/{project}/examples")["results"][0]
    base = f"/v1/projects/{project}/examples/{example['id']}"
    types = {t["text"]: t["id"] for t in dc.call("GET", f"/v1/projects/{project}/span-types")}
    units = doccano.Utf16Offsets(data["text"])
    # The annotator removes 太原 and marks 報告 (after 𠮷 and an emoji) as a PROGRAM, in doccano's UTF-16 units.
    taiyuan = data["text"].index("太原")
    span = next(s for s in dc.call("GET", f"{base}/spans") if s["start_offset"] == units.to_utf16(taiyuan))
    dc.call("DELETE", f"{base}/spans/{span['id']}")
    start = data["text"].index("報告")
    dc.call("POST", f"{base}/spans", json={"label": types["PROGRAM"], "start_offset": units.to_utf16(start),
                                           "end_offset": units.to_utf16(start + 2)})
    exported = dc.export(project)
    corrected = doccano.from_doccano(exported)
    expected = copy.deepcopy(data)
    expected["spans"] = [s for s in expected["spans"] if s["text"] != "太原"]
    expected["spans"].append({"label": "PROGRAM", "start": start, "end": start + 2, "text": "報告",
                              "attrs": canonical_attrs("PROGRAM", {})})  # an added span carries every attribute, empty
    expected["spans"].sort(key=lambda s: (s["start"], s["end"], ["PLACE", "PROGRAM", "QUANTITY", "COMMITMENT"]
                                          .index(s["label"])))
    assert corrected == [expected]
