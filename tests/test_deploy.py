"""deploy/ stays true to the code: commands the CLI accepts, the runtime lock only, one data volume.

(``make lint`` runs hadolint on the Dockerfile and ``kubernetes-validate --strict`` on the
manifests; ``tests/test_wheel.py`` runs the image's build and start steps in a fresh venv.)
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.replication import BucketLocation
from service.cli import build_parser
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _manifests() -> dict[str, dict[str, Any]]:
    """Each manifest by its file name (``api-deployment``, ``replica-deployment``...)."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((DEPLOY / "k8s").glob("*.yaml"))
    }


def _accepted(argv: list[str]) -> None:
    """``argv`` is a rankledger command line the CLI parses (argparse exits on anything else)."""
    assert argv[0] == "rankledger"
    build_parser().parse_args(argv[1:])


def test_the_image_installs_the_runtime_lock_only_and_runs_as_a_user() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")

    assert len(re.findall(r"^FROM ", dockerfile, flags=re.MULTILINE)) == 2  # build stage, runtime stage
    run_lines = [line for line in dockerfile.splitlines() if not line.lstrip().startswith("#")]
    assert "--requirement requirements.lock" in dockerfile
    assert not [line for line in run_lines if "requirements-dev.lock" in line]
    assert re.search(r"^USER 10001:10001$", dockerfile, flags=re.MULTILINE)
    assert "rankledger seed --data-dir /data" in dockerfile
    assert re.search(r"^HEALTHCHECK .*\n.*http://127\.0\.0\.1:8000/healthz", dockerfile, flags=re.MULTILINE)
    (cmd,) = re.findall(r"^CMD (\[.*\])$", dockerfile, flags=re.MULTILINE)
    _accepted(yaml.safe_load(cmd))


def test_the_build_backend_pin_of_the_image_is_the_dev_lock_s() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    dev_lock = (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")

    (image_pin,) = re.findall(r"hatchling==[\d.]+", dockerfile)
    assert image_pin in dev_lock.splitlines()


def test_the_build_context_holds_only_what_the_image_copies() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    copied = re.findall(r"^COPY (?!--from)(\S+)", (DEPLOY / "Dockerfile").read_text(encoding="utf-8"), re.M)

    assert ignored[1] == "*"
    assert {line.removeprefix("!").rstrip("/") for line in ignored if line.startswith("!")} == {
        "pyproject.toml",
        "README.md",
        "requirements.lock",
        "ingest",
        "service",
        "seeds",
    }
    assert set(copied) == {"requirements.lock", "pyproject.toml", "ingest", "service", "seeds"}


def test_the_api_deployment_probes_healthz_with_limits_as_a_non_root_user() -> None:
    deployment = _manifests()["api-deployment"]
    pod = deployment["spec"]["template"]["spec"]
    (api,) = pod["containers"]

    _accepted(api["args"])
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert api[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert set(api["resources"]) == {"requests", "limits"}
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert api["securityContext"]["readOnlyRootFilesystem"] is True
    assert {m["mountPath"] for m in api["volumeMounts"]} == {"/data", "/tmp"}


def test_the_cronjob_runs_one_ingest_of_every_source_at_a_time() -> None:
    manifests = _manifests()
    cronjob = manifests["ingest-cronjob"]
    pod = cronjob["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (ingest,) = pod["containers"]

    assert ingest["args"] == ["rankledger", "ingest", "--all"]
    _accepted(ingest["args"])
    assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"
    assert {e["name"] for e in ingest["env"]} >= {"GITHUB_TOKEN", "HF_TOKEN"}
    claims = {v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v}
    api_pod = manifests["api-deployment"]["spec"]["template"]["spec"]
    api_claims = {
        v["persistentVolumeClaim"]["claimName"] for v in api_pod["volumes"] if "persistentVolumeClaim" in v
    }
    assert claims == api_claims == {manifests["data-pvc"]["metadata"]["name"]}
    assert manifests["api-hpa"]["spec"]["scaleTargetRef"]["name"] == "rankledger-api"
    api_labels = manifests["api-deployment"]["spec"]["template"]["metadata"]["labels"]
    assert manifests["api-service"]["spec"]["selector"] == api_labels


def test_the_replica_form_has_no_shared_volume_and_reads_object_storage_settings() -> None:
    manifests = _manifests()
    deployment = manifests["replica-deployment"]
    pod = deployment["spec"]["template"]["spec"]
    (replica,) = pod["containers"]
    config = manifests["object-storage-config"]

    _accepted(replica["args"])
    assert not [volume for volume in pod["volumes"] if "persistentVolumeClaim" in volume]
    assert {m["mountPath"] for m in replica["volumeMounts"]} == {"/cache", "/tmp"}
    assert replica["args"][replica["args"].index("--data-dir") + 1] == "/cache"
    assert replica["envFrom"] == [
        {"configMapRef": {"name": config["metadata"]["name"]}},  # required: without it, no replica
        {"secretRef": {"name": "rankledger-object-storage-reader", "optional": True}},
    ]
    assert (
        BucketLocation.parse(config["data"]["RANKLEDGER_SERVE_FROM"]).url
        == config["data"]["RANKLEDGER_PUBLISH_TO"]
    )
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert replica[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert manifests["replica-hpa"]["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert manifests["replica-service"]["spec"]["selector"] == labels
    assert labels != manifests["api-deployment"]["spec"]["template"]["metadata"]["labels"]


def test_the_cronjob_publishes_where_the_replicas_read_when_configured() -> None:
    manifests = _manifests()
    pod = manifests["ingest-cronjob"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (ingest,) = pod["containers"]

    assert {"configMapRef": {"name": "rankledger-object-storage", "optional": True}} in ingest["envFrom"]
    assert {"secretRef": {"name": "rankledger-object-storage-writer", "optional": True}} in ingest["envFrom"]
    assert "RANKLEDGER_PUBLISH_TO" in manifests["object-storage-config"]["data"]
    # an empty volume starts with the image's seeded warehouse: no API pod mounts it to do so
    (seed,) = pod["initContainers"]
    assert seed["command"][-1] == "test -e /volume/CURRENT || cp -a /data/. /volume/"


@pytest.mark.parametrize("service", ["api", "ingest"])
def test_compose_services_share_the_data_volume_and_run_real_commands(service: str) -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    spec = compose["services"][service]

    assert "rankledger-data:/data" in spec["volumes"]
    assert spec["image"] == compose["services"]["api"]["image"]
    if service == "api":
        _accepted(spec["command"])
    else:
        (loop,) = spec["command"]
        (ingest,) = re.findall(r"rankledger [^;]+", loop)
        _accepted(shlex.split(ingest))
        assert ingest == "rankledger ingest --all"


def test_deploy_readme_says_no_docker_engine_ran_here() -> None:
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")

    assert "No Docker engine runs on the machines" in readme
    for name in ("Dockerfile", "compose.yaml", "k8s/"):
        assert f"`{name}`" in readme


def test_deploy_files_name_the_same_image() -> None:
    images = set(re.findall(r"image: (\S+)", "".join(p.read_text() for p in Path(DEPLOY).rglob("*.yaml"))))
    assert images == {"rankledger:0.1.0"}
