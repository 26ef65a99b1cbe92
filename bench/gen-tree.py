#!/usr/bin/env python3
"""Generate a deterministic monorepo-like tree of container/Kubernetes config files.

    python3 bench/gen-tree.py OUTDIR [--files N] [--seed S]

Writes N scannable config files (Dockerfiles, Kubernetes manifests in YAML and a
little JSON, docker-compose files) under OUTDIR, laid out like a monorepo:

    services/<name>/Dockerfile, Dockerfile.dev, docker-compose.yml,
        k8s/*.yaml | k8s/all.yaml | k8s/base/*.yaml + k8s/overlays/<env>/*.yaml
    apps/<team>/<name>/...                  (same shapes, one level deeper)
    platform/{rbac,network-policies,namespaces,monitoring,ingress,jobs}/...
    tools/<name>/Dockerfile                 (CI/tooling images)

plus a few non-config files per service (README.md, source stubs, .dockerignore)
that a scanner has to walk past; those are not counted in N.

The content mixes hardened, default and plainly insecure settings. Everything
comes from one seeded random.Random, so the same (N, seed) gives byte-identical
output on any machine; the script prints a SHA-256 over all paths and contents
so two runs can be compared. Python 3 standard library only.
"""

import argparse
import hashlib
import json
import os
import re
import sys

import random

# ---------------------------------------------------------------------------
# A small YAML emitter (block style), enough for manifests and compose files.
# ---------------------------------------------------------------------------

_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", ""}
_NUMERIC = re.compile(r"^[-+]?(\.\d+|\d[\d_:.]*)([eE][-+]?\d+)?$|^0[xob][0-9a-fA-F_]+$|^[-+]?\.(inf|nan)$", re.I)


def _needs_quote(s):
    if s.lower() in _RESERVED or _NUMERIC.match(s):
        return True
    if s[0] in "!&*-?{}[],#|>@`\"'%: " or s[-1] in ": ":
        return True
    if ": " in s or " #" in s or "\t" in s or any(c in s for c in "{}[]"):
        return True
    return False


def yscalar(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    return json.dumps(s) if _needs_quote(s) else s


def _emit_block_str(s, pad, out):
    for line in s.rstrip("\n").split("\n"):
        out.append(pad + line if line else "")


def _emit_map(d, ind, out, seq_indent):
    pad = " " * ind
    for k, v in d.items():
        key = yscalar(k)
        if isinstance(v, dict) and v:
            out.append(f"{pad}{key}:")
            _emit_map(v, ind + 2, out, seq_indent)
        elif isinstance(v, list) and v:
            out.append(f"{pad}{key}:")
            _emit_seq(v, ind + (2 if seq_indent else 0), out, seq_indent)
        elif isinstance(v, str) and "\n" in v:
            out.append(f"{pad}{key}: |")
            _emit_block_str(v, pad + "  ", out)
        elif isinstance(v, dict):
            out.append(f"{pad}{key}: {{}}")
        elif isinstance(v, list):
            out.append(f"{pad}{key}: []")
        else:
            out.append(f"{pad}{key}: {yscalar(v)}")


def _emit_seq(items, ind, out, seq_indent):
    pad = " " * ind
    for item in items:
        if isinstance(item, dict) and item:
            sub = []
            _emit_map(item, ind + 2, sub, seq_indent)
            sub[0] = pad + "- " + sub[0][ind + 2:]
            out.extend(sub)
        elif isinstance(item, list) and item:
            out.append(pad + "-")
            _emit_seq(item, ind + 2, out, seq_indent)
        elif isinstance(item, str) and "\n" in item:
            out.append(pad + "- |")
            _emit_block_str(item, pad + "  ", out)
        else:
            out.append(pad + "- " + yscalar(item))


def to_yaml(obj, seq_indent=True):
    out = []
    _emit_map(obj, 0, out, seq_indent)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

DOMAINS = ["auth", "billing", "cart", "catalog", "checkout", "search", "inventory", "notify",
           "payments", "orders", "profile", "ledger", "gateway", "media", "reports", "ratings",
           "shipping", "users", "audit", "events", "metrics", "ingest", "export", "pricing",
           "promo", "session", "feeds", "geo", "chat", "mailer", "fraud", "loyalty", "tax",
           "invoice", "wallet", "kyc", "recs", "thumbs", "upload", "webhooks"]
ROLES = ["api", "worker", "svc", "consumer", "scheduler", "web", "proxy", "sync", "cache",
         "indexer", "batch", "grpc", "admin", "edge"]
TEAMS = ["commerce", "identity", "data", "platform", "growth", "infra", "ml", "mobile",
         "money", "core", "trust", "search"]
ENVS = ["dev", "staging", "prod"]
LANGS = ["python", "node", "go", "java", "ruby", "rust", "static"]
REGISTRY = "registry.example.com"


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.used_names = set()

    # -- helpers ----------------------------------------------------------
    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def some(self, seq, lo, hi):
        return self.r.sample(seq, self.r.randint(lo, min(hi, len(seq))))

    def hexs(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def token(self, n=24):
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def new_name(self):
        for _ in range(1000):
            name = f"{self.pick(DOMAINS)}-{self.pick(ROLES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        i = len(self.used_names)
        name = f"{self.pick(DOMAINS)}-{self.pick(ROLES)}-{i}"
        self.used_names.add(name)
        return name

    def posture(self):
        x = self.r.random()
        if x < 0.30:
            return "hardened"
        if x < 0.68:
            return "default"
        if x < 0.90:
            return "mixed"
        return "bad"

    def version(self):
        return f"{self.r.randint(0, 4)}.{self.r.randint(0, 30)}.{self.r.randint(0, 20)}"

    def image(self, svc, team, posture):
        x = self.r.random()
        if posture == "hardened" and x < 0.5:
            return f"{REGISTRY}/{team}/{svc}@sha256:{self.hexs(64)}"
        if posture in ("bad", "mixed") and x < 0.35:
            return self.pick([f"{svc}:latest", f"{svc}", f"docker.io/acme/{svc}:latest"])
        return f"{REGISTRY}/{team}/{svc}:{self.version()}"

    # -- Kubernetes: containers and pod specs -------------------------------
    def container_security(self, posture):
        if posture == "hardened":
            sc = {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                  "runAsNonRoot": True, "runAsUser": self.pick([10001, 65532, 1000, 20000]),
                  "capabilities": {"drop": ["ALL"]}}
            if self.chance(0.5):
                sc["seccompProfile"] = {"type": "RuntimeDefault"}
            if self.chance(0.15):
                sc["capabilities"]["add"] = ["NET_BIND_SERVICE"]
            return sc
        if posture == "default":
            if self.chance(0.6):
                return None
            return {"runAsNonRoot": True} if self.chance(0.5) else {"allowPrivilegeEscalation": False}
        if posture == "mixed":
            options = [("allowPrivilegeEscalation", self.pick([False, True])),
                       ("readOnlyRootFilesystem", self.pick([False, True])),
                       ("runAsNonRoot", True), ("runAsUser", self.pick([0, 1000, 10001])),
                       ("capabilities", self.pick([{"drop": ["ALL"]}, {"add": ["NET_ADMIN"]},
                                                    {"drop": ["NET_RAW"]}])),
                       ("privileged", False)]
            return dict(self.some(options, 1, 4))
        sc = {}
        for key, val in self.some([("privileged", True), ("allowPrivilegeEscalation", True),
                                   ("runAsUser", 0), ("runAsNonRoot", False),
                                   ("readOnlyRootFilesystem", False),
                                   ("capabilities", {"add": self.some(
                                       ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "ALL", "SYS_MODULE",
                                        "NET_RAW", "DAC_OVERRIDE"], 1, 3)}),
                                   ("seccompProfile", {"type": "Unconfined"}),
                                   ("procMount", "Unmasked")], 1, 4):
            sc[key] = val
        return sc

    def resources(self, posture):
        if posture == "hardened" or (posture != "bad" and self.chance(0.5)):
            cpu = self.pick(["50m", "100m", "250m", "500m", "1"])
            mem = self.pick(["64Mi", "128Mi", "256Mi", "512Mi", "1Gi", "2Gi"])
            res = {"requests": {"cpu": cpu, "memory": mem}}
            if posture == "hardened" or self.chance(0.6):
                res["limits"] = {"memory": mem}
                if self.chance(0.6):
                    res["limits"]["cpu"] = self.pick(["500m", "1", "2"])
            return res
        if self.chance(0.3):
            return {"limits": {"memory": self.pick(["256Mi", "1Gi"])}}
        return None

    def env(self, svc, posture, port):
        env = [{"name": "SERVICE_NAME", "value": svc},
               {"name": "LOG_LEVEL", "value": self.pick(["info", "debug", "warn"])},
               {"name": "PORT", "value": str(port)}]
        if self.chance(0.5):
            env.append({"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})
        if posture in ("bad", "mixed") and self.chance(0.5):
            env.append({"name": self.pick(["DB_PASSWORD", "API_KEY", "SECRET_KEY", "AUTH_TOKEN",
                                           "REDIS_PASSWORD"]), "value": self.token(self.r.randint(10, 32))})
        if posture == "bad" and self.chance(0.2):
            env.append({"name": "AWS_ACCESS_KEY_ID", "value": "AKIA" + self.token(16).upper()})
            env.append({"name": "AWS_SECRET_ACCESS_KEY", "value": self.token(40)})
        if self.chance(0.6):
            env.append({"name": "DATABASE_PASSWORD", "valueFrom": {"secretKeyRef": {
                "name": f"{svc}-db", "key": "password"}}})
        return env

    def probe(self, port):
        kind = self.r.random()
        if kind < 0.6:
            p = {"httpGet": {"path": self.pick(["/healthz", "/health", "/ready", "/livez"]), "port": port}}
        elif kind < 0.85:
            p = {"tcpSocket": {"port": port}}
        else:
            p = {"exec": {"command": ["/bin/sh", "-c", "test -f /tmp/healthy"]}}
        p["periodSeconds"] = self.pick([5, 10, 15, 30])
        if self.chance(0.5):
            p["initialDelaySeconds"] = self.pick([0, 5, 10, 30])
        return p

    def container(self, svc, team, posture, port, name=None):
        c = {"name": name or svc, "image": self.image(svc, team, posture)}
        if self.chance(0.5):
            c["imagePullPolicy"] = self.pick(["IfNotPresent", "Always", "IfNotPresent"])
        if self.chance(0.3):
            c["args"] = self.pick([["--config", "/etc/app/config.yaml"], ["serve", f"--port={port}"],
                                   ["--log-format=json"]])
        c["ports"] = [{"name": "http", "containerPort": port, "protocol": "TCP"}]
        if self.chance(0.25):
            c["ports"].append({"name": "metrics", "containerPort": 9102})
        if posture == "bad" and self.chance(0.2):
            c["ports"].append({"name": "ssh", "containerPort": 22, "hostPort": 2222})
        c["env"] = self.env(svc, posture, port)
        if self.chance(0.3):
            c["envFrom"] = [{"configMapRef": {"name": f"{svc}-config"}}]
        res = self.resources(posture)
        if res:
            c["resources"] = res
        if posture == "hardened" or self.chance(0.55):
            c["livenessProbe"] = self.probe(port)
        if posture == "hardened" or self.chance(0.5):
            c["readinessProbe"] = self.probe(port)
        sc = self.container_security(posture)
        if sc:
            c["securityContext"] = sc
        return c

    def pod_spec(self, svc, team, posture, port, kind="Deployment"):
        spec = {}
        if self.chance(0.7):
            spec["serviceAccountName"] = svc
        if posture == "hardened" or self.chance(0.2):
            spec["automountServiceAccountToken"] = False
        elif posture == "bad" and self.chance(0.4):
            spec["automountServiceAccountToken"] = True
        if posture == "hardened" and self.chance(0.7):
            spec["securityContext"] = {"runAsNonRoot": True, "fsGroup": 10001,
                                       "seccompProfile": {"type": "RuntimeDefault"}}
        elif posture == "mixed" and self.chance(0.5):
            spec["securityContext"] = dict(self.some([("runAsUser", self.pick([0, 1000])),
                                                      ("fsGroup", 2000),
                                                      ("runAsGroup", self.pick([0, 3000]))], 1, 2))
        elif posture == "bad" and self.chance(0.5):
            spec["securityContext"] = {"runAsUser": 0, "sysctls": [
                {"name": "kernel.shm_rmid_forced", "value": "0"}]}
        if posture == "bad":
            for key in self.some(["hostNetwork", "hostPID", "hostIPC"], 0, 2):
                spec[key] = True
        volumes, mounts = [], []
        if self.chance(0.4):
            volumes.append({"name": "config", "configMap": {"name": f"{svc}-config"}})
            mounts.append({"name": "config", "mountPath": "/etc/app", "readOnly": True})
        if posture == "hardened" or self.chance(0.3):
            volumes.append({"name": "tmp", "emptyDir": {}})
            mounts.append({"name": "tmp", "mountPath": "/tmp"})
        if posture == "bad" and self.chance(0.6):
            path = self.pick(["/var/run/docker.sock", "/", "/etc", "/var/lib/kubelet", "/proc",
                              "/run/containerd/containerd.sock", "/var/log"])
            volumes.append({"name": "host", "hostPath": {"path": path}})
            mounts.append({"name": "host", "mountPath": "/host" + (path if path != "/" else "")})
        main = self.container(svc, team, posture, port)
        if mounts:
            main["volumeMounts"] = mounts
        containers = [main]
        if self.chance(0.15):
            side = {"name": "envoy", "image": f"envoyproxy/envoy:v1.{self.r.randint(25, 30)}.{self.r.randint(0, 5)}",
                    "args": ["-c", "/etc/envoy/envoy.yaml"],
                    "ports": [{"containerPort": 15001}]}
            if self.chance(0.5):
                side["resources"] = {"limits": {"cpu": "200m", "memory": "128Mi"}}
            containers.append(side)
        if self.chance(0.15):
            init = {"name": "migrate", "image": main["image"], "command": ["/app/migrate", "up"]}
            if self.chance(0.3):
                init = {"name": "istio-init", "image": "docker.io/istio/proxyv2:1.21.0",
                        "args": ["istio-iptables", "-p", "15001"],
                        "securityContext": {"capabilities": {"add": ["NET_ADMIN", "NET_RAW"]},
                                            "runAsUser": 0, "runAsNonRoot": False}}
            spec["initContainers"] = [init]
        spec["containers"] = containers
        if volumes:
            spec["volumes"] = volumes
        if self.chance(0.2):
            spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
        if kind == "DaemonSet" or self.chance(0.1):
            spec["tolerations"] = [{"operator": "Exists", "effect": "NoSchedule"}]
        if self.chance(0.15):
            spec["affinity"] = {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                                    "labelSelector": {"matchLabels": {"app": svc}}}}]}}
        if kind in ("CronJob", "Job", "Pod"):
            spec["restartPolicy"] = self.pick(["OnFailure", "Never"]) if kind != "Pod" else "Always"
        return spec

    def meta(self, name, ns, team, extra_labels=None):
        m = {"name": name}
        if ns is not None:
            m["namespace"] = ns
        labels = {"app.kubernetes.io/name": name.split("-")[0] if self.chance(0.2) else name,
                  "app.kubernetes.io/part-of": team}
        if self.chance(0.5):
            labels["app.kubernetes.io/managed-by"] = self.pick(["kustomize", "Helm", "argocd"])
        if extra_labels:
            labels.update(extra_labels)
        m["labels"] = labels
        if self.chance(0.2):
            m["annotations"] = {"owner": f"{team}@example.com"}
        return m

    def namespace_for(self, team, posture):
        if posture == "bad" and self.chance(0.5):
            return "default"
        if self.chance(0.1):
            return None
        return self.pick([team, f"{team}-{self.pick(ENVS)}", team])

    def workload(self, svc, team, kind, posture=None, ns="__pick__"):
        posture = posture or self.posture()
        if ns == "__pick__":
            ns = self.namespace_for(team, posture)
        port = self.pick([8080, 8000, 3000, 9090, 5000, 80])
        spec = self.pod_spec(svc, team, posture, port, kind)
        labels = {"app": svc}
        tmpl = {"metadata": {"labels": dict(labels)}, "spec": spec}
        if self.chance(0.2):
            tmpl["metadata"]["annotations"] = {"prometheus.io/scrape": "true", "prometheus.io/port": "9102"}
        if posture == "hardened" and self.chance(0.3):
            tmpl["metadata"].setdefault("annotations", {})[
                f"container.apparmor.security.beta.kubernetes.io/{svc}"] = "runtime/default"
        if kind == "Pod":
            meta = self.meta(svc, ns, team, labels)
            return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}
        meta = self.meta(svc, ns, team)
        if kind in ("Deployment", "StatefulSet", "DaemonSet"):
            body = {"selector": {"matchLabels": labels}, "template": tmpl}
            if kind != "DaemonSet":
                body = {"replicas": self.pick([1, 2, 3, 3, 5])} | body
            if kind == "StatefulSet":
                body["serviceName"] = svc
                body["volumeClaimTemplates"] = [{"metadata": {"name": "data"}, "spec": {
                    "accessModes": ["ReadWriteOnce"],
                    "resources": {"requests": {"storage": self.pick(["1Gi", "10Gi", "50Gi"])}}}}]
            if kind == "Deployment" and self.chance(0.3):
                body["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}
            return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta, "spec": body}
        job_spec = {"backoffLimit": self.pick([0, 3, 6]), "template": tmpl}
        if self.chance(0.5):
            job_spec["ttlSecondsAfterFinished"] = 3600
        if kind == "Job":
            return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": job_spec}
        main = spec["containers"][0]
        if self.chance(0.4):
            main["command"] = ["/bin/sh", "-c"]
            main["args"] = [f"set -e\necho starting {svc} run\n/app/{svc} --once\necho done\n"]
        cj = {"schedule": self.pick(["*/5 * * * *", "0 * * * *", "0 3 * * *", "30 2 * * 0", "@hourly"]),
              "concurrencyPolicy": self.pick(["Forbid", "Allow", "Replace"]),
              "jobTemplate": {"spec": job_spec}}
        if self.chance(0.5):
            cj["successfulJobsHistoryLimit"] = 3
        return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta, "spec": cj}

    def service(self, svc, team, ns):
        typ = self.pick(["ClusterIP"] * 6 + ["NodePort", "LoadBalancer"])
        spec = {"type": typ, "selector": {"app": svc},
                "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}
        if typ == "NodePort":
            spec["ports"][0]["nodePort"] = self.r.randint(30000, 32767)
        if typ == "LoadBalancer" and self.chance(0.3):
            spec["loadBalancerSourceRanges"] = ["10.0.0.0/8"]
        if self.chance(0.03):
            spec["externalIPs"] = [f"203.0.113.{self.r.randint(1, 254)}"]
        return {"apiVersion": "v1", "kind": "Service", "metadata": self.meta(svc, ns, team), "spec": spec}

    def service_account(self, svc, team, ns):
        sa = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": self.meta(svc, ns, team)}
        if self.chance(0.4):
            sa["automountServiceAccountToken"] = self.pick([False, False, True])
        return sa

    def rbac_rules(self, bad):
        if bad:
            return self.some([
                {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
                {"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list", "watch"]},
                {"apiGroups": [""], "resources": ["pods/exec", "pods/attach"], "verbs": ["create"]},
                {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles", "roles"],
                 "verbs": ["escalate", "bind"]},
                {"apiGroups": [""], "resources": ["users", "groups", "serviceaccounts"], "verbs": ["impersonate"]},
                {"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": ["get", "create"]},
                {"apiGroups": ["apps"], "resources": ["deployments", "daemonsets"], "verbs": ["create", "patch", "update"]},
                {"apiGroups": [""], "resources": ["persistentvolumes"], "verbs": ["create"]},
                {"apiGroups": ["admissionregistration.k8s.io"], "resources": ["validatingwebhookconfigurations"],
                 "verbs": ["delete", "patch"]},
            ], 1, 3)
        return self.some([
            {"apiGroups": [""], "resources": ["pods", "services", "endpoints"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]},
            {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "create", "update"]},
            {"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]},
            {"apiGroups": ["batch"], "resources": ["jobs"], "verbs": ["get", "list", "create"]},
        ], 1, 3)

    def rbac(self, svc, team, ns, cluster=None, bad=None):
        bad = self.chance(0.2) if bad is None else bad
        cluster = self.chance(0.3) if cluster is None else cluster
        rkind = "ClusterRole" if cluster else "Role"
        rmeta = self.meta(svc, None if cluster else ns, team)
        role = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": rkind, "metadata": rmeta,
                "rules": self.rbac_rules(bad)}
        subjects = [{"kind": "ServiceAccount", "name": svc, "namespace": ns or "default"}]
        if bad and self.chance(0.25):
            subjects.append(self.pick([{"kind": "Group", "name": "system:anonymous", "apiGroup": "rbac.authorization.k8s.io"},
                                       {"kind": "Group", "name": "system:authenticated", "apiGroup": "rbac.authorization.k8s.io"},
                                       {"kind": "User", "name": "system:anonymous", "apiGroup": "rbac.authorization.k8s.io"},
                                       {"kind": "Group", "name": "system:unauthenticated", "apiGroup": "rbac.authorization.k8s.io"}]))
        ref_name = "cluster-admin" if bad and cluster and self.chance(0.4) else svc
        bkind = "ClusterRoleBinding" if cluster else "RoleBinding"
        binding = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": bkind,
                   "metadata": self.meta(svc, None if cluster else ns, team),
                   "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": rkind, "name": ref_name},
                   "subjects": subjects}
        return [role, binding]

    def network_policy(self, name, team, ns, app=None):
        x = self.r.random()
        meta = self.meta(name, ns, team)
        if x < 0.35:
            spec = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
        elif x < 0.85:
            spec = {"podSelector": {"matchLabels": {"app": app or name}}, "policyTypes": ["Ingress"],
                    "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {
                        "kubernetes.io/metadata.name": self.pick(["ingress-nginx", "monitoring", ns or "default"])}}},
                        {"podSelector": {"matchLabels": {"app": f"{self.pick(DOMAINS)}-{self.pick(ROLES)}"}}}],
                        "ports": [{"protocol": "TCP", "port": self.pick([80, 8080, 9090])}]}]}
        else:
            spec = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"], "ingress": [{}], "egress": [{}]}
        return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta, "spec": spec}

    def configmap(self, svc, team, ns, posture):
        data = {"LOG_FORMAT": "json", "FEATURE_FLAGS": ",".join(self.some(["beta", "fast-path", "new-ui", "v2"], 0, 3)),
                "config.yaml": f"server:\n  port: 8080\n  name: {svc}\ncache:\n  ttl: {self.pick([30, 60, 300])}s\n"}
        if posture == "bad" and self.chance(0.5):
            data["DB_PASSWORD"] = self.token(16)
        return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": self.meta(f"{svc}-config", ns, team), "data": data}

    def secret(self, svc, team, ns):
        return {"apiVersion": "v1", "kind": "Secret", "metadata": self.meta(f"{svc}-db", ns, team),
                "type": "Opaque", "stringData": {"username": svc.replace("-", "_"), "password": self.token(20)}}

    def hpa(self, svc, team, ns):
        return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": self.meta(svc, ns, team),
                "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": svc},
                         "minReplicas": 2, "maxReplicas": self.pick([5, 10, 20]),
                         "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                             "type": "Utilization", "averageUtilization": self.pick([60, 70, 80])}}}]}}

    def pdb(self, svc, team, ns):
        return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": self.meta(svc, ns, team),
                "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": svc}}}}

    def ingress(self, svc, team, ns):
        spec = {"ingressClassName": "nginx", "rules": [{"host": f"{svc}.example.com", "http": {"paths": [
            {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": svc, "port": {"number": 80}}}}]}}]}
        if self.chance(0.6):
            spec["tls"] = [{"hosts": [f"{svc}.example.com"], "secretName": f"{svc}-tls"}]
        ing = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": self.meta(svc, ns, team), "spec": spec}
        if self.chance(0.1):
            ing["metadata"]["annotations"] = {"nginx.ingress.kubernetes.io/server-snippet": "location /admin { allow all; }"}
        return ing

    def namespace(self, name, team):
        meta = {"name": name, "labels": {"team": team}}
        if self.chance(0.6):
            level = self.pick(["restricted", "baseline", "privileged"])
            meta["labels"]["pod-security.kubernetes.io/enforce"] = level
        return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta}

    # -- Dockerfiles ---------------------------------------------------------
    def dockerfile(self, svc, lang, posture):
        L = []
        if self.chance(0.3):
            L.append("# syntax=docker/dockerfile:1.6")
        if self.chance(0.4):
            L.append(f"# {svc}: container image. Built by CI on every merge.")
        multistage = lang in ("go", "rust", "java") and self.chance(0.8) or (lang in ("node", "python") and self.chance(0.35))
        bad = posture == "bad"
        loose = posture in ("bad", "mixed")
        if self.chance(0.3):
            L.append(f"ARG VERSION={self.version()}")
        if multistage:
            builder = {"go": "golang:1.22", "rust": "rust:1.79", "java": "maven:3.9-eclipse-temurin-21",
                       "node": "node:20", "python": "python:3.12"}[lang]
            if loose and self.chance(0.3):
                builder = builder.split(":")[0]
            L += ["", f"FROM {builder} AS build", "WORKDIR /src"]
            if lang == "go":
                L += ["COPY go.mod go.sum ./", "RUN go mod download", "COPY . .",
                      "RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/app ./cmd/app"]
            elif lang == "rust":
                L += ["COPY Cargo.toml Cargo.lock ./", "COPY src ./src", "RUN cargo build --release --locked",
                      "RUN cp target/release/app /out/app || (mkdir -p /out && cp target/release/app /out/app)"]
            elif lang == "java":
                L += ["COPY pom.xml .", "RUN mvn -B -q dependency:go-offline", "COPY src ./src",
                      "RUN mvn -B -q package -DskipTests && mkdir -p /out && cp target/*.jar /out/app.jar"]
            elif lang == "node":
                L += ["COPY package.json package-lock.json ./", "RUN npm ci", "COPY . .", "RUN npm run build"]
            else:
                L += ["COPY requirements.txt .", "RUN pip wheel --wheel-dir /wheels -r requirements.txt"]
        final = self.final_base(lang, posture, multistage)
        L += ["", f"FROM {final}"]
        if self.chance(0.3):
            L.append(f'LABEL org.opencontainers.image.source="https://git.example.com/acme/{svc}" maintainer="team@example.com"')
        distroless = "distroless" in final or final == "scratch"
        if not distroless:
            L += self.package_install(final, posture)
        if bad and self.chance(0.5):
            L.append(self.pick(["RUN curl -fsSL https://get.example.sh | sh",
                                "RUN wget -qO- https://install.example.io/setup.sh | bash -",
                                "RUN curl -sSL https://tools.example.com/install.sh | sudo bash",
                                "RUN curl -k https://downloads.example.com/agent.sh | sh -s -- --yes"]))
        if loose and self.chance(0.25):
            L.append(self.pick(["ENV DB_PASSWORD=changeme", f"ENV API_KEY {self.token(32)}",
                                f"ENV AWS_SECRET_ACCESS_KEY={self.token(40)}", "ARG NPM_TOKEN",
                                f"ENV GITHUB_TOKEN=ghp_{self.token(36)}"]))
        if self.chance(0.15):
            L.append("ENV PYTHONUNBUFFERED=1 \\\n    LANG=C.UTF-8")
        workdir = self.pick(["/app", "/srv/app", "/opt/" + svc, "/usr/src/app"])
        L.append(f"WORKDIR {workdir}")
        hardened = posture == "hardened"
        if hardened and not distroless and self.chance(0.8):
            if "alpine" in final:
                L.append("RUN addgroup -S app && adduser -S -G app -u 10001 app")
            else:
                L.append("RUN groupadd --system --gid 10001 app \\\n && useradd --system --uid 10001 --gid app --no-create-home app")
        if multistage:
            src = "/out/app.jar" if lang == "java" else ("/wheels" if lang == "python" else ("/src/dist" if lang == "node" else "/out/app"))
            own = " --chown=10001:10001" if hardened and self.chance(0.5) else ""
            L.append(f"COPY --from=build{own} {src} {workdir}/")
            if lang == "python":
                L.append("RUN pip install --no-cache-dir /wheels/*" if not loose else "RUN pip install /wheels/*")
        x = self.r.random()
        if loose and x < 0.35:
            L.append(self.pick([f"ADD . {workdir}", f"ADD https://releases.example.com/{svc}/{self.version()}/{svc}.tar.gz /tmp/",
                                f"ADD vendor.tar.gz {workdir}/vendor/", "ADD config/ /etc/app/"]))
        elif not multistage:
            L.append(self.pick(["COPY . .", f"COPY . {workdir}", "COPY src/ ./src/"]))
        if not multistage:
            L += self.lang_install(lang, posture)
        if loose and self.chance(0.2):
            L.append(self.pick([f"RUN chmod -R 777 {workdir}", "RUN chmod 777 /tmp/app.sock || true",
                                "RUN echo 'root:root' | chpasswd"]))
        ports = [self.pick(["8080", "8000", "3000", "80", "9090"])]
        if bad and self.chance(0.5) or posture == "mixed" and self.chance(0.05):
            ports.append("22")
            if not distroless and self.chance(0.5):
                L.append("RUN apt-get install -y openssh-server && mkdir /var/run/sshd" if "alpine" not in final
                         else "RUN apk add openssh && ssh-keygen -A")
        if self.chance(0.2):
            ports.append("9102")
        L.append("EXPOSE " + " ".join(ports))
        if hardened and self.chance(0.6) or self.chance(0.15):
            if not distroless:
                L.append(f"HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:{ports[0]}/healthz || exit 1")
            else:
                L.append("HEALTHCHECK NONE")
        if hardened:
            L.append(self.pick(["USER app" if not distroless else "USER nonroot:nonroot", "USER 10001:10001", "USER 10001"]))
        elif posture == "default" and self.chance(0.45):
            L.append(self.pick(["USER app", "USER 1000", "USER node" if lang == "node" else "USER nobody"]))
        elif posture == "mixed" and self.chance(0.3):
            L.append(self.pick(["USER root", "USER 0", "USER app\nUSER root"]))
        elif bad and self.chance(0.3):
            L.append("USER root")
        cmd = self.entry(lang, workdir)
        L.append(cmd)
        return "\n".join(L).replace("\n\n\n", "\n\n") + "\n"

    def final_base(self, lang, posture, multistage):
        loose = posture in ("bad", "mixed")
        if multistage and lang in ("go", "rust"):
            opts = ["gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/cc-debian12", "alpine:3.20",
                    "debian:bookworm-slim", "scratch"]
        elif lang == "java":
            opts = ["eclipse-temurin:21-jre", "eclipse-temurin:21-jre-alpine", "gcr.io/distroless/java21-debian12"]
        elif lang == "python":
            opts = ["python:3.12-slim", "python:3.11-slim-bookworm", "python:3.12-alpine", "python:3.12"]
        elif lang == "node":
            opts = ["node:20-alpine", "node:20-bookworm-slim", "node:20"]
        elif lang == "ruby":
            opts = ["ruby:3.3-slim", "ruby:3.3-alpine"]
        elif lang == "static":
            opts = ["nginx:1.27-alpine", "nginx:1.27", "httpd:2.4-alpine"]
        else:
            opts = ["debian:bookworm-slim", "ubuntu:24.04", "alpine:3.20"]
        if loose and self.chance(0.35):
            opts = ["ubuntu:latest", "ubuntu", "debian", "centos:7", "node:latest", "python:latest", "alpine",
                    "rockylinux:9"]
        base = self.pick(opts)
        if posture == "hardened" and self.chance(0.3) and ":" in base:
            base = f"{base}@sha256:{self.hexs(64)}"
        return base

    def package_install(self, base, posture):
        pk = self.some(["curl", "ca-certificates", "tini", "tzdata", "git", "jq", "bash", "openssl", "libpq5",
                        "gnupg", "unzip", "netcat-openbsd", "procps"], 1, 4)
        if self.chance(0.25):
            return []
        loose = posture in ("bad", "mixed")
        if "alpine" in base:
            cache = "" if loose and self.chance(0.6) else "--no-cache "
            if loose and self.chance(0.3):
                return ["RUN apk update", f"RUN apk add {' '.join(pk)}"]
            return [f"RUN apk add {cache}{' '.join(pk)}"]
        if "centos" in base or "rockylinux" in base:
            clean = " && yum clean all" if not loose else ""
            return [f"RUN yum install -y {' '.join(pk)}{clean}"]
        if loose and self.chance(0.3):
            return ["RUN apt-get update", f"RUN apt-get install -y {' '.join(pk)}"] + (
                ["RUN apt-get upgrade -y"] if self.chance(0.3) else [])
        nir = "--no-install-recommends " if posture == "hardened" or self.chance(0.5) else ""
        clean = " \\\n && rm -rf /var/lib/apt/lists/*" if not loose or self.chance(0.4) else ""
        sudo = "sudo " if posture == "bad" and self.chance(0.2) else ""
        pkgs = " \\\n      ".join(pk) if len(pk) > 2 else " ".join(pk)
        return [f"RUN {sudo}apt-get update \\\n && {sudo}apt-get install -y {nir}{pkgs}{clean}"]

    def lang_install(self, lang, posture):
        loose = posture in ("bad", "mixed")
        if lang == "python":
            if loose and self.chance(0.5):
                return [self.pick(["RUN pip install -r requirements.txt", "RUN pip install flask gunicorn requests",
                                   "RUN pip3 install --upgrade pip && pip3 install -r requirements.txt"])]
            return [self.pick(["RUN pip install --no-cache-dir -r requirements.txt",
                               "RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0"])]
        if lang == "node":
            return [self.pick(["RUN npm ci --omit=dev", "RUN npm install", "RUN npm ci && npm cache clean --force",
                               "RUN yarn install --frozen-lockfile"])]
        if lang == "ruby":
            return ["RUN bundle config set without 'development test' && bundle install --jobs 4"]
        if lang == "go":
            return ["RUN go build -o /usr/local/bin/app ./cmd/app"]
        return []

    def entry(self, lang, workdir):
        exe = {"python": '["gunicorn", "-b", "0.0.0.0:8000", "app:app"]', "node": '["node", "dist/server.js"]',
               "go": f'["{workdir}/app"]', "rust": f'["{workdir}/app"]', "java": f'["java", "-jar", "{workdir}/app.jar"]',
               "ruby": '["bundle", "exec", "puma", "-C", "config/puma.rb"]',
               "static": '["nginx", "-g", "daemon off;"]'}[lang]
        x = self.r.random()
        if x < 0.6:
            return f"ENTRYPOINT {exe}" if self.chance(0.4) else f"CMD {exe}"
        if x < 0.8:
            return f"CMD {' '.join(json.loads(exe))}"
        return f'ENTRYPOINT ["/sbin/tini", "--"]\nCMD {exe}'

    # -- docker-compose --------------------------------------------------------
    def compose(self, svc, team, posture):
        loose = posture in ("bad", "mixed")
        doc = {}
        if self.chance(0.5):
            doc["version"] = self.pick(["3.8", "3.9", "3", "2.4"])
        services = {}
        app = {}
        if self.chance(0.6):
            app["build"] = {"context": ".", "dockerfile": "Dockerfile"} if self.chance(0.5) else "."
        app["image"] = self.image(svc, team, posture)
        port = self.pick([8080, 8000, 3000])
        app["ports"] = [self.pick([f"{port}:{port}", f"127.0.0.1:{port}:{port}", f"0.0.0.0:{port}:{port}", str(port)])]
        if posture == "bad" and self.chance(0.4):
            app["ports"].append(self.pick(["22:22", "2222:22", "9229:9229", "2375:2375", "5005:5005"]))
        env = {"LOG_LEVEL": "debug", "DATABASE_URL": f"postgres://app:app@db:5432/{svc.replace('-', '_')}"}
        if loose and self.chance(0.6):
            env[self.pick(["SECRET_KEY", "API_TOKEN", "JWT_SECRET", "STRIPE_API_KEY"])] = self.token(24)
        app["environment"] = env if self.chance(0.6) else [f"{k}={v}" for k, v in env.items()]
        if self.chance(0.3):
            app["env_file"] = [".env"]
        vols = ["./:/app"] if self.chance(0.4) else []
        if posture == "bad" and self.chance(0.6):
            vols.append(self.pick(["/var/run/docker.sock:/var/run/docker.sock", "/:/host", "/etc:/host/etc:ro",
                                   "/var/run/docker.sock:/var/run/docker.sock:ro", "/proc:/host/proc"]))
        if vols:
            app["volumes"] = vols
        if posture == "hardened":
            app["read_only"] = True
            app["user"] = self.pick(["10001:10001", "1000", "app"])
            app["security_opt"] = ["no-new-privileges:true"]
            app["cap_drop"] = ["ALL"]
            app["tmpfs"] = ["/tmp"]
        elif posture == "mixed":
            for k, v in self.some([("user", self.pick(["root", "0", "0:0", "1000:1000"])),
                                   ("security_opt", [self.pick(["no-new-privileges:true", "seccomp:unconfined",
                                                                "apparmor:unconfined", "label:disable"])]),
                                   ("cap_add", self.some(["NET_ADMIN", "SYS_PTRACE", "NET_BIND_SERVICE"], 1, 2)),
                                   ("read_only", self.pick([True, False]))], 1, 3):
                app[k] = v
        elif posture == "bad":
            for k, v in self.some([("privileged", True), ("network_mode", "host"), ("pid", "host"), ("ipc", "host"),
                                   ("userns_mode", "host"), ("user", "root"),
                                   ("cap_add", self.some(["SYS_ADMIN", "ALL", "NET_ADMIN", "SYS_MODULE"], 1, 2)),
                                   ("security_opt", ["seccomp=unconfined", "apparmor=unconfined"]),
                                   ("devices", ["/dev/fuse:/dev/fuse", "/dev/mem:/dev/mem"])], 1, 4):
                app[k] = v
            if app.get("network_mode") == "host":
                app.pop("ports", None)
        x = self.r.random()
        if posture == "hardened" or x < 0.3:
            if doc.get("version", "3").startswith("2"):
                app["mem_limit"] = self.pick(["256m", "512m", "1g"])
                app["cpus"] = self.pick([0.5, 1, 2])
                app["pids_limit"] = 200
            else:
                app["deploy"] = {"resources": {"limits": {"cpus": self.pick(["0.50", "1.0", "2"]),
                                                          "memory": self.pick(["256M", "512M", "1G"])}}}
                if self.chance(0.5):
                    app["deploy"]["resources"]["limits"]["pids"] = 200
        elif x < 0.45:
            app["mem_limit"] = "512m"
        if self.chance(0.5):
            app["healthcheck"] = {"test": ["CMD", "curl", "-f", f"http://localhost:{port}/healthz"],
                                  "interval": "30s", "timeout": "5s", "retries": 3}
        app["restart"] = self.pick(["unless-stopped", "always", "on-failure"])
        deps = []
        services[svc] = app
        if self.chance(0.7):
            db = {"image": self.pick(["postgres:16", "postgres:16-alpine", "mysql:8.4", "postgres:latest", "mariadb"]),
                  "environment": {"POSTGRES_USER": "app", "POSTGRES_PASSWORD": self.pick(["app", "postgres", "changeme", self.token(12)])},
                  "volumes": ["db-data:/var/lib/postgresql/data"]}
            if loose or self.chance(0.3):
                db["ports"] = [self.pick(["5432:5432", "3306:3306", "127.0.0.1:5432:5432"])]
            services["db"] = db
            deps.append("db")
        if self.chance(0.4):
            cache = {"image": self.pick(["redis:7", "redis:7-alpine", "memcached:1.6"])}
            if loose and self.chance(0.5):
                cache["ports"] = ["6379:6379"]
            cache["command"] = "redis-server --appendonly yes" if self.chance(0.5) else ["redis-server", "--save", "60", "1"]
            services["cache"] = cache
            deps.append("cache")
        if self.chance(0.15):
            services["proxy"] = {"image": "traefik:v3.1", "command": ["--providers.docker=true", "--api.insecure=true"],
                                 "ports": ["80:80", "8081:8080"],
                                 "volumes": ["/var/run/docker.sock:/var/run/docker.sock:ro"]}
        if self.chance(0.08):
            services["cadvisor"] = {"image": "gcr.io/cadvisor/cadvisor:v0.49.1", "privileged": True,
                                    "volumes": ["/:/rootfs:ro", "/var/run:/var/run:ro", "/sys:/sys:ro",
                                                "/var/lib/docker/:/var/lib/docker:ro"],
                                    "devices": ["/dev/kmsg"], "ports": ["8088:8080"]}
        if self.chance(0.2):
            services["worker"] = {"image": app["image"], "command": "python -m worker" if self.chance(0.5) else ["./worker", "--concurrency", "4"],
                                  "environment": {"QUEUE": "default"}}
        if deps:
            app["depends_on"] = deps
        doc["services"] = services
        if "db" in services:
            doc["volumes"] = {"db-data": {}}
        if self.chance(0.3):
            doc["networks"] = {"default": {"name": f"{svc}-net"}}
        return doc


# ---------------------------------------------------------------------------
# Tree layout
# ---------------------------------------------------------------------------

def header(g):
    x = g.r.random()
    if x < 0.15:
        return "---\n"
    if x < 0.25:
        return f"# Generated by {g.pick(['kustomize', 'helm template', 'the platform bot'])}. Edit the source, not this file.\n"
    return ""


def manifest_text(g, docs, fmt="yaml"):
    if fmt == "json":
        obj = docs[0] if len(docs) == 1 else {"apiVersion": "v1", "kind": "List", "items": docs}
        return json.dumps(obj, indent=2) + "\n"
    seq_indent = g.chance(0.6)
    parts = [to_yaml(d, seq_indent) for d in docs]
    text = header(g) + "---\n".join(parts)
    if g.chance(0.1):
        text += "---\n"
    return text


def list_text(g, docs):
    return header(g) + to_yaml({"apiVersion": "v1", "kind": "List", "items": docs}, g.chance(0.6))


def service_files(g, base, svc, team):
    """All files for one service directory; (relpath, text, is_config)."""
    out = []
    lang = g.pick(LANGS)
    posture = g.posture()
    out.append((f"{base}/Dockerfile", g.dockerfile(svc, lang, posture), True))
    if g.chance(0.2):
        out.append((f"{base}/Dockerfile.dev", g.dockerfile(svc, lang, g.pick(["default", "mixed", "bad"])), True))
    if g.chance(0.08):
        out.append((f"{base}/docker/{svc}.Dockerfile", g.dockerfile(svc, lang, posture), True))
    if g.chance(0.55):
        out.append((f"{base}/docker-compose.yml", to_yaml(g.compose(svc, team, posture), g.chance(0.7)), True))
        if g.chance(0.2):
            ov = g.compose(svc, team, g.pick(["mixed", "bad", "default"]))
            out.append((f"{base}/docker-compose.override.yml", to_yaml(ov, True), True))
    elif g.chance(0.15):
        out.append((f"{base}/compose.yaml", to_yaml(g.compose(svc, team, posture), True), True))

    # Kubernetes objects for the service
    kind = g.pick(["Deployment"] * 7 + ["StatefulSet", "StatefulSet", "DaemonSet", "CronJob", "CronJob", "Job", "Pod"])
    ns = g.namespace_for(team, posture)
    objs = {"workload": [g.workload(svc, team, kind, posture, ns)]}
    if kind in ("Deployment", "StatefulSet", "DaemonSet", "Pod"):
        objs["service"] = [g.service(svc, team, ns)]
    if g.chance(0.7):
        objs["serviceaccount"] = [g.service_account(svc, team, ns)]
    if g.chance(0.45):
        objs["rbac"] = g.rbac(svc, team, ns, bad=(posture == "bad") or None)
    if g.chance(0.4):
        objs["networkpolicy"] = [g.network_policy(svc, team, ns, svc)]
    if g.chance(0.4):
        objs["configmap"] = [g.configmap(svc, team, ns, posture)]
    if g.chance(0.1):
        objs["secret"] = [g.secret(svc, team, ns)]
    if kind == "Deployment" and g.chance(0.35):
        objs["hpa"] = [g.hpa(svc, team, ns)]
    if kind in ("Deployment", "StatefulSet") and g.chance(0.3):
        objs["pdb"] = [g.pdb(svc, team, ns)]
    if "service" in objs and g.chance(0.25):
        objs["ingress"] = [g.ingress(svc, team, ns)]
    if g.chance(0.2):
        objs["cleanup-cronjob"] = [g.workload(f"{svc}-cleanup", team, "CronJob", g.posture(), ns)]

    layout = g.r.random()
    if layout < 0.50:          # one file per object kind
        for name, docs in objs.items():
            fname = {"workload": kind.lower()}.get(name, name)
            ext = "yml" if g.chance(0.15) else "yaml"
            if g.chance(0.04):
                out.append((f"{base}/k8s/{fname}.json", manifest_text(g, docs, "json"), True))
            else:
                out.append((f"{base}/k8s/{fname}.{ext}", manifest_text(g, docs), True))
    elif layout < 0.72:        # one multi-document file
        docs = [d for ds in objs.values() for d in ds]
        out.append((f"{base}/k8s/{svc}.yaml" if g.chance(0.5) else f"{base}/k8s/all.yaml", manifest_text(g, docs), True))
    elif layout < 0.80:        # a kind: List
        docs = [d for ds in objs.values() for d in ds]
        out.append((f"{base}/deploy/{svc}-list.yaml", list_text(g, docs), True))
    else:                      # kustomize base + overlays
        names = []
        for name, docs in objs.items():
            fname = {"workload": kind.lower()}.get(name, name)
            names.append(f"{fname}.yaml")
            out.append((f"{base}/k8s/base/{fname}.yaml", manifest_text(g, docs), True))
        out.append((f"{base}/k8s/base/kustomization.yaml", to_yaml({
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization", "resources": names}), True))
        for env in g.some(ENVS, 1, 2):
            wl = objs["workload"][0]
            patch = {"apiVersion": wl["apiVersion"], "kind": wl["kind"], "metadata": {"name": svc}}
            if wl["kind"] in ("Deployment", "StatefulSet"):
                patch["spec"] = {"replicas": {"dev": 1, "staging": 2, "prod": g.pick([3, 5, 10])}[env]}
            else:
                patch["metadata"]["labels"] = {"env": env}
            out.append((f"{base}/k8s/overlays/{env}/patch-{kind.lower()}.yaml", to_yaml(patch), True))
            kz = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                  "namespace": f"{team}-{env}", "resources": ["../../base"], "patches": [{"path": f"patch-{kind.lower()}.yaml"}]}
            out.append((f"{base}/k8s/overlays/{env}/kustomization.yaml", to_yaml(kz), True))
            if env == "prod" and g.chance(0.5):
                out.append((f"{base}/k8s/overlays/{env}/{svc}-{env}.yaml",
                            manifest_text(g, [g.workload(svc, team, kind, g.posture(), f"{team}-{env}")]), True))

    # non-config files a scanner has to walk past
    out.append((f"{base}/README.md", f"# {svc}\n\nOwned by the {team} team. Runs as a {kind}.\n", False))
    src = {"python": ("app.py", "from flask import Flask\napp = Flask(__name__)\n"),
           "node": ("src/server.js", "require('http').createServer((q, s) => s.end('ok')).listen(3000);\n"),
           "go": ("cmd/app/main.go", "package main\n\nfunc main() {}\n"),
           "java": ("src/main/java/App.java", "public class App { public static void main(String[] a) {} }\n"),
           "ruby": ("config.ru", "run ->(env) { [200, {}, ['ok']] }\n"),
           "rust": ("src/main.rs", "fn main() {}\n"),
           "static": ("public/index.html", "<!doctype html><title>ok</title>\n")}[lang]
    out.append((f"{base}/{src[0]}", src[1], False))
    if g.chance(0.6):
        out.append((f"{base}/.dockerignore", ".git\nnode_modules\n*.log\n", False))
    if lang == "node" and g.chance(0.8):
        out.append((f"{base}/package.json", json.dumps({"name": svc, "version": "1.0.0", "private": True}, indent=2) + "\n", False))
    return out


def platform_files(g, i):
    """One batch of cluster-wide files."""
    out = []
    team = g.pick(TEAMS)
    x = g.r.random()
    if x < 0.25:
        name = f"{team}-{g.pick(['readers', 'deployers', 'operators', 'ci', 'oncall', 'controller'])}-{i}"
        docs = g.rbac(name, team, team, cluster=g.chance(0.5), bad=g.chance(0.3))
        if g.chance(0.3):
            docs += g.rbac(name + "-extra", team, team)
        out.append((f"platform/rbac/{team}/{name}.yaml", manifest_text(g, docs), True))
    elif x < 0.45:
        ns = f"{team}-{g.pick(ENVS)}"
        docs = [g.network_policy(f"{g.pick(['default-deny', 'allow-ingress', 'allow-dns', 'allow-monitoring', 'allow-all'])}", team, ns)]
        out.append((f"platform/network-policies/{ns}/policy-{i}.yaml", manifest_text(g, docs), True))
    elif x < 0.55:
        docs = [g.namespace(f"{team}-{env}", team) for env in ENVS]
        out.append((f"platform/namespaces/{team}-{i}.yaml", manifest_text(g, docs), True))
    elif x < 0.70:
        agent = g.pick(["node-exporter", "fluent-bit", "falco", "datadog-agent", "cilium-agent", "kube-proxy", "csi-node"])
        ds = g.workload(f"{agent}-{i}", "platform", "DaemonSet", g.pick(["bad", "mixed", "hardened"]), "kube-system")
        spec = ds["spec"]["template"]["spec"]
        if agent in ("node-exporter", "cilium-agent", "kube-proxy"):
            spec["hostNetwork"] = True
            spec["hostPID"] = agent == "node-exporter"
        if agent in ("fluent-bit", "falco", "datadog-agent", "csi-node"):
            spec.setdefault("volumes", []).append({"name": "varlog", "hostPath": {"path": "/var/log"}})
        docs = [ds] + (g.rbac(f"{agent}-{i}", "platform", "kube-system", cluster=True) if g.chance(0.6) else [])
        out.append((f"platform/monitoring/{agent}/{agent}-{i}.yaml", manifest_text(g, docs), True))
    elif x < 0.80:
        name = f"ingress-{g.pick(['public', 'internal', 'admin'])}-{i}"
        dep = g.workload(name, "platform", "Deployment", g.posture(), "ingress-nginx")
        docs = [dep, g.service(name, "platform", "ingress-nginx")]
        out.append((f"platform/ingress/{name}.yaml", manifest_text(g, docs), True))
    elif x < 0.92:
        name = f"{g.pick(['db-backup', 'report-export', 'cert-rotate', 'cleanup', 'sync-users'])}-{i}"
        doc = g.workload(name, team, g.pick(["CronJob", "CronJob", "Job"]), g.posture())
        fmt = "json" if g.chance(0.1) else "yaml"
        out.append((f"platform/jobs/{team}/{name}.{'json' if fmt == 'json' else 'yaml'}", manifest_text(g, [doc], fmt), True))
    else:
        name = f"{g.pick(['ci-runner', 'builder', 'linter', 'release', 'e2e', 'debug'])}-{i}"
        out.append((f"tools/{name}/Dockerfile", g.dockerfile(name, g.pick(LANGS), g.pick(["bad", "mixed", "default"])), True))
    return out


def generate(n_files, seed):
    g = Gen(seed)
    files = []
    seen = set()
    n_config = 0
    i = 0
    while n_config < n_files:
        i += 1
        if g.chance(0.8):
            svc = g.new_name()
            team = g.pick(TEAMS)
            base = f"services/{svc}" if g.chance(0.7) else f"apps/{team}/{svc}"
            batch = service_files(g, base, svc, team)
        else:
            batch = platform_files(g, i)
        for path, text, is_config in batch:
            base_path, k = path, 0
            while path in seen:  # never overwrite: every counted file is a distinct file on disk
                k += 1
                head, _, name = base_path.rpartition("/")
                stem, dot, ext = name.partition(".") if not name.startswith(".") else (name, "", "")
                path = f"{head}/{stem}-{i}-{k}{dot}{ext}"
            seen.add(path)
            if is_config:
                if n_config >= n_files:
                    continue
                n_config += 1
            files.append((path, text, is_config))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--files", type=int, default=5000, help="number of config files (default 5000)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    args = ap.parse_args()
    if os.path.exists(args.outdir) and os.listdir(args.outdir):
        sys.exit(f"gen-tree: {args.outdir} exists and is not empty; remove it first")
    files = generate(args.files, args.seed)
    digest = hashlib.sha256()
    kinds = {"dockerfile": 0, "compose": 0, "k8s-yaml": 0, "k8s-json": 0, "other": 0}
    total_bytes = 0
    for path, text, is_config in sorted(files):
        full = os.path.join(args.outdir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = text.encode()
        with open(full, "wb") as f:
            f.write(data)
        total_bytes += len(data)
        digest.update(path.encode() + b"\0" + data + b"\0")
        name = os.path.basename(path).lower()
        if not is_config:
            kinds["other"] += 1
        elif "dockerfile" in name:
            kinds["dockerfile"] += 1
        elif "compose" in name:
            kinds["compose"] += 1
        elif name.endswith(".json"):
            kinds["k8s-json"] += 1
        else:
            kinds["k8s-yaml"] += 1
    n_config = sum(1 for f in files if f[2])
    print(f"gen-tree: {n_config} config files (+{kinds['other']} other) in {args.outdir}, "
          f"{total_bytes / 1e6:.1f} MB; dockerfile={kinds['dockerfile']} compose={kinds['compose']} "
          f"k8s-yaml={kinds['k8s-yaml']} k8s-json={kinds['k8s-json']}; seed={args.seed} sha256={digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
