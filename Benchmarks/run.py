#!/usr/bin/env python3
"""OrderDeck's benchmark suite (issue 7): OrderDeck side by side with the AWS CLI v1, the AWS CLI v2
and boto3, all talking to one local stack over loopback, on a fixed data set.

    python3 Benchmarks/run.py            # the whole suite (release build, ~20 min), prints the table
    python3 Benchmarks/run.py --smoke    # every case once on tiny data (what the tests run)

Each case runs every tool several times (the tool order rotates between runs so drift is shared)
and prints: case, tool, min / median / max, client CPU (user+sys of the client process only, from
wait4), peak RSS, and OrderDeck's ratio to the best peer. Missing peers are reported, not faked.
"""
import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(ROOT, "Benchmarks", "peers")
REGION = "us-east-1"


# ----------------------------------------------------------------------------------------------
# Measuring one process


class Sample:
    """One run of one tool: wall seconds, client CPU seconds, peak RSS in MB, plus what it printed."""

    def __init__(self, wall, cpu, rss_mb, output_path):
        self.wall, self.cpu, self.rss_mb, self.output_path = wall, cpu, rss_mb, output_path


GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run_measured(argv, env, workdir, stdin_path=None):
    """Runs argv to completion and reads the client's own CPU and peak RSS.

    Through GNU time when present: a child forked straight from this driver would inherit the
    driver's peak RSS (Linux keeps ru_maxrss across exec, and the driver holds boto3 — ~50 MB), so
    the small `time` process forks the client instead. Otherwise wait4's rusage (RSS then has that
    floor)."""
    out_path = os.path.join(workdir, f"out-{uuid.uuid4().hex}.txt")
    err_path = out_path + ".err"
    usage_path = out_path + ".usage"
    command = [GNU_TIME, "-f", "%U %S %M", "-o", usage_path, *argv] if GNU_TIME else argv
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=stdin, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_path:
                stdin.close()
    if proc.returncode != 0:
        with open(err_path, "rb") as err:
            detail = [line for line in err.read().decode(errors="replace").strip().splitlines() if not line.startswith("Command exited")]
        raise RuntimeError(f"{' '.join(argv[:3])}… exited {proc.returncode}: {detail[-1] if detail else ''}")
    if GNU_TIME:
        user, system, rss_kb = open(usage_path).read().split()[-3:]
        return Sample(wall, float(user) + float(system), int(rss_kb) / 1024, out_path)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out_path)


def run_many_measured(argvs, env, workdir):
    """A shell loop's cost: each command a process; wall, CPU summed, RSS the largest."""
    wall = cpu = rss = 0.0
    outputs = []
    for argv in argvs:
        sample = run_measured(argv, env, workdir)
        wall, cpu, rss = wall + sample.wall, cpu + sample.cpu, max(rss, sample.rss_mb)
        outputs.append(sample.output_path)
    combined = os.path.join(workdir, f"out-{uuid.uuid4().hex}.txt")
    with open(combined, "w") as handle:
        for path in outputs:
            handle.write(open(path).read().replace("\n", " ") + "\n")
    return Sample(wall, cpu, rss, combined)


# ----------------------------------------------------------------------------------------------
# The tools


def version_of(path):
    try:
        text = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60).stdout
        return text.split()[0] if text else None
    except (OSError, subprocess.SubprocessError):
        return None


def find_aws_clis():
    """The AWS CLI v1 (pip, often behind a pyenv shim) and v2 (Debian's awscli), by what they say."""
    candidates = []
    if shutil.which("pyenv"):
        found = subprocess.run(["pyenv", "which", "aws"], capture_output=True, text=True).stdout.strip()
        if found:
            candidates.append(found)
    candidates += [p for p in [shutil.which("aws"), "/usr/bin/aws", "/usr/local/bin/aws"] if p]
    clis = {}
    for path in candidates:
        version = version_of(path) if os.path.exists(path) else None
        if version and version.startswith("aws-cli/1.") and "aws-cli-v1" not in clis:
            clis["aws-cli-v1"] = (path, version)
        if version and version.startswith("aws-cli/2.") and "aws-cli-v2" not in clis:
            clis["aws-cli-v2"] = (path, version)
    return clis


def has_boto3():
    return subprocess.run([sys.executable, "-c", "import boto3"], capture_output=True).returncode == 0


# ----------------------------------------------------------------------------------------------
# The fixed data set


def order_item(index, users=("alice", "bob", "carol", "dave", "erin", "frank", "demo_user")):
    """An ORDER item shaped like the workflow's (SYSTEM.md), deterministic per index."""
    statuses = ("COMPLETED", "COMPLETED", "COMPLETED", "CANCELLED", "PENDING")
    created = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(1795000000 - index * 7)) + f".{index % 1000:03d}Z"
    order_id = str(uuid.UUID(int=(index * 2654435761) << 64 | index, version=4))
    quantity = 1 + index % 3
    return {
        "user_id": {"S": users[index % len(users)]},
        "id": {"S": order_id},
        "orderStatus": {"S": statuses[index % len(statuses)]},
        "createdAt": {"S": created},
        "updatedAt": {"S": created},
        "amount": {"N": f"{10 + index % 500}.{index % 100:02d}"},
        "currency": {"S": "EUR"},
        "giftWrap": {"BOOL": index % 4 == 0},
        "customer": {"M": {"email": {"S": f"customer{index}@example.com"}, "name": {"S": f"Customer {index}"}}},
        "items": {"L": [{"M": {"sku": {"S": f"SKU-{index % 97:03d}"}, "name": {"S": "Coffee mug"},
                                "quantity": {"N": str(quantity)}, "unitPrice": {"N": "9.99"}}}]},
        "executionArn": {"S": f"arn:aws:states:{REGION}:123456789012:execution:OrderWorkflow:{order_id}"},
    }


BENCH_FLOW = {
    "StartAt": "Validate",
    "States": {
        "Validate": {"Type": "Pass", "Result": {"valid": True}, "ResultPath": "$.validation", "Next": "Price"},
        "Price": {"Type": "Pass", "Result": {"total": 19.98}, "ResultPath": "$.price", "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.validation.valid", "BooleanEquals": True, "Next": "Done"}],
                  "Default": "Rejected"},
        "Rejected": {"Type": "Fail", "Error": "Invalid", "Cause": "validation failed"},
        "Done": {"Type": "Succeed"},
    },
}


class Stack:
    """The local stack (orderdeck local up, isolated state dir) plus the benchmark's own tables,
    machine and log group, created through boto3."""

    def __init__(self, bins, workdir, sizes):
        self.bins, self.workdir, self.sizes = bins, workdir, sizes
        self.state = os.path.join(workdir, "state")
        os.makedirs(self.state, exist_ok=True)
        self.env = clean_env(workdir)
        self.env.update({"ORDERDECK_STATE_DIR": self.state, "XDG_CONFIG_HOME": os.path.join(workdir, "xdg")})

    def up(self):
        subprocess.run([self.bins["orderdeck"], "local", "up"], env=self.env, check=True, capture_output=True)
        record = json.load(open(os.path.join(self.state, "local-stack.json")))
        self.endpoint = f"http://127.0.0.1:{record['moto']['port']}"
        import boto3
        session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)
        self.ddb = session.client("dynamodb", endpoint_url=self.endpoint)
        self.sfn = session.client("stepfunctions", endpoint_url=self.endpoint)
        self.logs = session.client("logs", endpoint_url=self.endpoint)

    def down(self):
        subprocess.run([self.bins["orderdeck"], "local", "down"], env=self.env, capture_output=True)

    def load(self):
        started = time.perf_counter()
        for table, count in (("BENCH_SMALL", self.sizes["small"]), ("BENCH_MID", self.sizes["mid"]),
                             ("BENCH_BIG", self.sizes["big"])):
            self.ddb.create_table(
                TableName=table, BillingMode="PAY_PER_REQUEST",
                KeySchema=[{"AttributeName": "user_id", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}],
                AttributeDefinitions=[{"AttributeName": "user_id", "AttributeType": "S"}, {"AttributeName": "id", "AttributeType": "S"}])
            batches = [[{"PutRequest": {"Item": order_item(i)}} for i in range(start, min(count, start + 25))]
                       for start in range(0, count, 25)]
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(lambda batch: self.ddb.batch_write_item(RequestItems={table: batch}), batches))
            scanned = sum(page["Count"] for page in self.ddb.get_paginator("scan").paginate(TableName=table, Select="COUNT"))
            assert scanned == count, f"{table}: {scanned} items, wanted {count}"
        machine = self.sfn.create_state_machine(
            name="BenchFlow", definition=json.dumps(BENCH_FLOW), roleArn="arn:aws:iam::123456789012:role/bench", type="STANDARD")
        self.machine_arn = machine["stateMachineArn"]
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda i: self.sfn.start_execution(
                stateMachineArn=self.machine_arn, name=f"bench-{i:05d}", input=json.dumps({"order": i})),
                range(self.sizes["executions"])))
        deadline = time.time() + 300
        while self.sfn.list_executions(stateMachineArn=self.machine_arn, statusFilter="RUNNING", maxResults=1)["executions"]:
            assert time.time() < deadline, "bench executions still RUNNING after 300 s"
            time.sleep(0.5)
        self.logs.create_log_group(logGroupName="/bench/follow")
        self.config = os.path.join(self.workdir, "bench.toml")
        with open(self.config, "w") as handle:
            for name, table in (("small", "BENCH_SMALL"), ("mid", "BENCH_MID"), ("big", "BENCH_BIG")):
                handle.write(f'[stacks.{name}]\nregion = "{REGION}"\nendpoint_url = "{self.endpoint}"\ntable = "{table}"\n'
                             f'state_machines = ["BenchFlow"]\nlog_groups = ["/bench/follow"]\n\n')
        return time.perf_counter() - started


def clean_env(workdir):
    """The same credentials and no stray configuration for every tool."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION, "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "",
        "AWS_CONFIG_FILE": os.path.join(workdir, "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(workdir, "no-aws-credentials"),
        "PYTHONUNBUFFERED": "1",
    })
    return env


# ----------------------------------------------------------------------------------------------
# Results


class Row:
    def __init__(self, case, tool, values, unit, cpu=None, rss=None, note="", better="lower", peer=True):
        self.case, self.tool, self.values, self.unit = case, tool, values, unit
        self.cpu, self.rss, self.note, self.better, self.peer = cpu, rss, note, better, peer

    @property
    def median(self):
        return statistics.median(self.values) if self.values else None


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "req/s":
        return f"{value:,.0f}/s"
    if unit == "%":
        return f"{value:.2f} %"
    return f"{value:g} {unit}"


def ratio_text(ours, best, better):
    if ours is None or best is None or ours == 0 or best == 0:
        return ""
    factor = best / ours if better == "lower" else ours / best
    return f"{factor:.1f}x {'better' if factor >= 1 else 'worse'}"


def print_table(rows, stream=sys.stdout):
    """Markdown, so the same text is read in a terminal and pasted into BENCHMARKS.md."""
    stream.write("| case | tool | min | median | max | client CPU | peak RSS | OrderDeck vs best peer |\n")
    stream.write("|---|---|---|---|---|---|---|---|\n")
    by_case = {}
    for row in rows:
        by_case.setdefault(row.case, []).append(row)
    for case, case_rows in by_case.items():
        ours = next((r for r in case_rows if r.tool == "orderdeck"), None)
        peers = [r for r in case_rows if r.tool != "orderdeck" and r.peer and r.values]
        best = None
        if peers:
            key = (lambda r: r.median) if ours is None or ours.better == "lower" else (lambda r: -r.median)
            best = min(peers, key=key)
        for row in case_rows:
            if not row.values:
                stream.write(f"| {case} | {row.tool} | | | | | | {row.note} |\n")
                continue
            ratio = ""
            if row is ours and best:
                parts = [f"time {ratio_text(ours.median, best.median, ours.better)} (vs {best.tool})"]
                if ours.cpu is not None and best.cpu is not None:
                    parts.append(f"CPU {ratio_text(ours.cpu, best.cpu, 'lower')}")
                if ours.rss is not None and best.rss is not None:
                    parts.append(f"RSS {ratio_text(ours.rss, best.rss, 'lower')}")
                ratio = "; ".join(parts)
            note = f" {row.note}" if row.note else ""
            stream.write(
                f"| {case} | {row.tool} | {fmt(min(row.values), row.unit)} | {fmt(row.median, row.unit)} | "
                f"{fmt(max(row.values), row.unit)} | {fmt(row.cpu, 's')} | "
                f"{'—' if row.rss is None else f'{row.rss:.0f} MB'} | {ratio}{note} |\n")
    stream.flush()


# ----------------------------------------------------------------------------------------------
# The cases


def rotate(items, by):
    by %= max(1, len(items))
    return items[by:] + items[:by]


def process_case(case, tools, runs, workdir, env, validate):
    """Runs each tool `runs` times; validate(tool, output_path) must hold for every run."""
    samples = {name: [] for name, _ in tools}
    errors = {}
    for run in range(runs):
        for name, make in rotate(list(tools), run):
            if name in errors:
                continue
            try:
                sample = make()
                validate(name, sample.output_path)
                samples[name].append(sample)
            except Exception as error:  # a failed peer is a result, not a crash of the suite
                errors[name] = str(error)[:160]
    rows = []
    for name, _ in tools:
        got = samples[name]
        if name in errors:
            rows.append(Row(case, name, [], "s", note=f"FAILED: {errors[name]}"))
            continue
        rows.append(Row(case, name, [s.wall for s in got], "s", cpu=statistics.median(s.cpu for s in got),
                        rss=max(s.rss_mb for s in got), peer="server floor" not in name))
    return rows


def count_json(path, key):
    """Records in a tool's JSON answer: OrderDeck prints an array, the peers an object with `key`."""
    with open(path) as handle:
        value = json.load(handle)
    return len(value) if isinstance(value, list) else len(value[key])


def case_cold_start(ctx):
    limit = ctx.sizes["first"]
    tools = [("orderdeck", lambda: run_measured(
        [ctx.bins["orderdeck"], "orders", "--config", ctx.stack.config, "--stack", "small", "--output", "json",
         "--limit", str(limit)], ctx.env, ctx.workdir))]
    for name, (path, _) in ctx.clis.items():
        tools.append((name, lambda path=path: run_measured(
            [path, "dynamodb", "scan", "--table-name", "BENCH_SMALL", "--max-items", str(limit), "--endpoint-url",
             ctx.stack.endpoint, "--output", "json"], ctx.env, ctx.workdir)))
    if ctx.boto3:
        tools.append(("boto3", lambda: run_measured(
            [sys.executable, os.path.join(PEERS, "boto3_orders.py"), "--endpoint", ctx.stack.endpoint, "--table",
             "BENCH_SMALL", "--max", str(limit)], ctx.env, ctx.workdir)))

    if shutil.which("curl"):
        tools.append(("curl (server floor)", lambda: curl_scan(ctx, "BENCH_SMALL", limit=limit)))

    def validate(name, path):
        if name.startswith("curl"):
            got = json.load(open(path))["count"]
        else:
            got = count_json(path, "Items" if name.startswith("aws") else "orders")
        assert got == limit, f"{name} printed {got} orders, wanted {limit}"
    return process_case(f"1. first {limit} orders (table of {ctx.sizes['small']:,})", tools, ctx.runs, ctx.workdir, ctx.env, validate)


def curl_scan(ctx, table, limit=None):
    """The server floor: the same Scan pages with curl, one process per page (no client work to speak of)."""
    pages = []
    key = None
    headers = ["-H", "Content-Type: application/x-amz-json-1.0", "-H", "X-Amz-Target: DynamoDB_20120810.Scan",
               "-H", f"Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/{REGION}/dynamodb/aws4_request, "
                     "SignedHeaders=host, Signature=0"]
    wall = cpu = rss = 0.0
    count = 0
    while True:
        body = {"TableName": table}
        if limit:
            body["Limit"] = limit
        if key:
            body["ExclusiveStartKey"] = key
        sample = run_measured(["curl", "-sS", "--fail", "-X", "POST", ctx.stack.endpoint, *headers, "-d", json.dumps(body)],
                              ctx.env, ctx.workdir)
        wall, cpu, rss = wall + sample.wall, cpu + sample.cpu, max(rss, sample.rss_mb)
        page = json.load(open(sample.output_path))
        count += len(page["Items"])
        pages.append(sample.output_path)
        key = page.get("LastEvaluatedKey")
        if not key or limit:
            break
    out = os.path.join(ctx.workdir, f"out-{uuid.uuid4().hex}.txt")
    json.dump({"count": count, "pages": len(pages)}, open(out, "w"))
    return Sample(wall, cpu, rss, out)


def case_full_scan(ctx):
    total = ctx.sizes["big"]
    tools = [("orderdeck", lambda: run_measured(
        [ctx.bins["orderdeck"], "orders", "--config", ctx.stack.config, "--stack", "big", "--output", "json", "--limit", "0"],
        ctx.env, ctx.workdir))]
    for name, (path, _) in ctx.clis.items():
        tools.append((name, lambda path=path: run_measured(
            [path, "dynamodb", "scan", "--table-name", "BENCH_BIG", "--endpoint-url", ctx.stack.endpoint, "--output", "json"],
            ctx.env, ctx.workdir)))
    if ctx.boto3:
        tools.append(("boto3", lambda: run_measured(
            [sys.executable, os.path.join(PEERS, "boto3_orders.py"), "--endpoint", ctx.stack.endpoint, "--table", "BENCH_BIG"],
            ctx.env, ctx.workdir)))
    if shutil.which("curl"):
        tools.append(("curl (server floor)", lambda: curl_scan(ctx, "BENCH_BIG")))

    def validate(name, path):
        if name.startswith("curl"):
            got = json.load(open(path))["count"]
        else:
            got = count_json(path, "Items" if name.startswith("aws") else "orders")
        assert got == total, f"{name} printed {got} orders, wanted {total}"
    return process_case(f"2. all {total:,} orders", tools, ctx.big_runs, ctx.workdir, ctx.env, validate)


def case_executions(ctx):
    total = ctx.sizes["executions"]
    arn = ctx.stack.machine_arn
    tools = [("orderdeck", lambda: run_measured(
        [ctx.bins["orderdeck"], "executions", "--config", ctx.stack.config, "--stack", "small", "--machine", "BenchFlow",
         "--limit", "0", "--output", "json"], ctx.env, ctx.workdir))]
    for name, (path, _) in ctx.clis.items():
        tools.append((name, lambda path=path: run_measured(
            [path, "stepfunctions", "list-executions", "--state-machine-arn", arn, "--endpoint-url", ctx.stack.endpoint,
             "--output", "json"], ctx.env, ctx.workdir)))
    if ctx.boto3:
        tools.append(("boto3", lambda: run_measured(
            [sys.executable, os.path.join(PEERS, "boto3_executions.py"), "--endpoint", ctx.stack.endpoint, "--machine-arn", arn],
            ctx.env, ctx.workdir)))

    if shutil.which("curl"):
        # the server floor: the same ListExecutions (1,000 a page) with curl, no client work to speak of
        headers = ["-H", "Content-Type: application/x-amz-json-1.0", "-H",
                   "X-Amz-Target: AWSStepFunctions.ListExecutions", "-H",
                   f"Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/{REGION}/states/aws4_request, "
                   "SignedHeaders=host, Signature=0"]
        tools.append(("curl (server floor)", lambda: run_measured(
            ["curl", "-sS", "--fail", "-X", "POST", ctx.stack.endpoint, *headers, "-d",
             json.dumps({"stateMachineArn": arn, "maxResults": 1000})], ctx.env, ctx.workdir)))

    def validate(name, path):
        data = json.load(open(path))
        got = len(data) if isinstance(data, list) else len(data["executions"])
        assert got == total, f"{name} listed {got} executions, wanted {total}"
    rows = process_case(f"3a. all {total:,} executions of a machine", tools, ctx.runs, ctx.workdir, ctx.env, validate)

    wanted = ctx.sizes["histories"]
    arns = [e["executionArn"] for e in ctx.stack.sfn.list_executions(stateMachineArn=arn, maxResults=wanted)["executions"]]
    arn_file = os.path.join(ctx.workdir, "arns.txt")
    open(arn_file, "w").write("\n".join(arns) + "\n")
    tools = [("orderdeck", lambda: run_measured(
        [ctx.bins["orderdeck"], "history", "--config", ctx.stack.config, "--stack", "small", "--output", "json", "-"],
        ctx.env, ctx.workdir, stdin_path=arn_file))]
    for name, (path, _) in ctx.clis.items():
        tools.append((name, lambda path=path: run_many_measured(
            [[path, "stepfunctions", "get-execution-history", "--execution-arn", a, "--endpoint-url", ctx.stack.endpoint,
              "--output", "json"] for a in arns], ctx.env, ctx.workdir)))
    if ctx.boto3:
        tools.append(("boto3", lambda: run_measured(
            [sys.executable, os.path.join(PEERS, "boto3_executions.py"), "--endpoint", ctx.stack.endpoint, "--histories"],
            ctx.env, ctx.workdir, stdin_path=arn_file)))

    tools.append(("raw HTTP, 8 at a time (server floor)", lambda: run_measured(
        [sys.executable, os.path.join(PEERS, "raw_histories.py"), "--endpoint", ctx.stack.endpoint],
        ctx.env, ctx.workdir, stdin_path=arn_file)))

    def validate_histories(name, path):
        lines = [json.loads(line) for line in open(path) if line.strip()]
        assert len(lines) == wanted, f"{name} printed {len(lines)} histories, wanted {wanted}"
        assert all(len(h.get("events", [])) >= 5 for h in lines), f"{name}: a history is missing events"
    rows += process_case(f"3b. full histories of {wanted} executions (CLIs: a process each)", tools, ctx.big_runs,
                         ctx.workdir, ctx.env, validate_histories)
    return rows


def follow_once(ctx, argv, run_id, events, rate, proxy, idle=0):
    """Starts a follower, writes `events` log events at `rate`/s, and times each marker's arrival."""
    stream = f"bench-{run_id}"
    ctx.stack.logs.create_log_stream(logGroupName="/bench/follow", logStreamName=stream)
    err = open(os.path.join(ctx.workdir, f"follow-{run_id}.err"), "wb")
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=ctx.env, bufsize=0)
    arrivals, duplicates = {}, [0]
    marker = re.compile(rb"bench-seq-(\d+)-run-" + run_id.encode())

    def read():
        for line in proc.stdout:
            now = time.time()
            for match in marker.finditer(line):
                seq = int(match.group(1))
                if seq in arrivals:
                    duplicates[0] += 1
                else:
                    arrivals[seq] = now
    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(ctx.follow_warmup)
    filters = lambda: sum(v for k, v in proxy.snapshot()[0].items() if k.startswith("FilterLogEvents"))
    busy_from, busy_start = filters(), time.time()
    sent = {}
    interval = 1.0 / rate
    next_at = time.time()
    for seq in range(events):
        next_at += interval
        now = time.time()
        sent[seq] = now
        ctx.stack.logs.put_log_events(logGroupName="/bench/follow", logStreamName=stream, logEvents=[
            {"timestamp": int(now * 1000), "message": json.dumps({"type": "BenchEvent", "marker": f"bench-seq-{seq}-run-{run_id}"})}])
        time.sleep(max(0.0, next_at - time.time()))
    busy_rate = (filters() - busy_from) / (time.time() - busy_start) * 60
    deadline = time.time() + ctx.follow_grace
    while len(arrivals) < events and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(min(2.0, ctx.follow_grace))  # late duplicates would show now
    idle_rate = None
    if idle:
        # quiet: past the back-off ramp (10 s), then counted
        time.sleep(10)
        idle_from = filters()
        time.sleep(idle)
        idle_rate = (filters() - idle_from) / idle * 60
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    reader.join(timeout=5)
    err.close()
    latencies = [arrivals[s] - sent[s] for s in arrivals if s in sent]
    return latencies, duplicates[0], events - len(arrivals), busy_rate, idle_rate


def case_follow(ctx):
    events, rate = ctx.sizes["follow_events"], ctx.sizes["follow_rate"]
    # FilterLogEvents requests per minute, busy and idle, counted by a proxy in front of moto (every
    # follower talks to the proxy; one follower runs at a time, so the count is its own).
    proxy = CountingProxy(ctx.stack.endpoint)
    config = os.path.join(ctx.workdir, "follow.toml")
    with open(config, "w") as handle:
        handle.write(f'[stacks.follow]\nregion = "{REGION}"\nendpoint_url = "{proxy.endpoint}"\ntable = "BENCH_SMALL"\n'
                     f'state_machines = ["BenchFlow"]\nlog_groups = ["/bench/follow"]\n')
    tools = [("orderdeck", [ctx.bins["orderdeck"], "logs", "--config", config, "--stack", "follow", "--follow",
                            "--group", "/bench/follow", "--since", "5s", "--output", "json"])]
    if "aws-cli-v2" in ctx.clis:
        tools.append(("aws-cli-v2 logs tail", [ctx.clis["aws-cli-v2"][0], "logs", "tail", "/bench/follow", "--follow",
                                               "--since", "5s", "--format", "short", "--endpoint-url", proxy.endpoint]))
    if ctx.boto3:
        tools.append(("boto3 (poll 1 s)", [sys.executable, os.path.join(PEERS, "boto3_follow.py"), "--endpoint",
                                           proxy.endpoint, "--group", "/bench/follow"]))
    case = f"4. log follow: {events} events at {rate}/s, PutLogEvents → printed"
    rows = []
    results = {name: ([], 0, 0) for name, _ in tools}
    rates = {name: ([], []) for name, _ in tools}
    try:
        for run in range(ctx.follow_runs):
            for name, argv in rotate(tools, run):
                latencies, dups, misses, busy, idle = follow_once(ctx, argv, uuid.uuid4().hex[:8], events, rate, proxy,
                                                                  ctx.sizes["follow_idle"] if run == 0 else 0)
                all_lat, all_dups, all_miss = results[name]
                results[name] = (all_lat + latencies, all_dups + dups, all_miss + misses)
                rates[name][0].append(busy)
                if idle is not None:
                    rates[name][1].append(idle)
    finally:
        proxy.close()
    for name, _ in tools:
        latencies, dups, misses = results[name]
        busy, idle = rates[name]
        requests = (f"; FilterLogEvents/min busy {statistics.median(busy):.0f}" if busy else "") + \
            (f", idle {statistics.median(idle):.1f}" if idle else "")
        note = f"p95 {fmt(percentile(latencies, 0.95) * 1000, 'ms')}; duplicates {dups}, misses {misses}{requests}" \
            if latencies else f"nothing arrived; duplicates {dups}, misses {misses}{requests}"
        rows.append(Row(case, name, [l * 1000 for l in latencies], "ms", note=note))
    if "aws-cli-v1" in ctx.clis:
        rows.append(Row(case, "aws-cli-v1", [], "ms", note="no `logs tail` in v1"))
    ctx.follow_quality = {name: (results[name][1], results[name][2]) for name, _ in tools}
    return rows


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0


def json_values(path):
    return [json.loads(line) for line in open(path) if line.strip()]


def case_signing(ctx):
    seconds = ctx.sizes["sign_seconds"]
    rows = []
    case = "5. SigV4 signing in process (fresh request each)"
    ours = json_values(run_measured([ctx.bins["orderdeck-bench"], "sign", str(seconds)], ctx.env, ctx.workdir).output_path)
    rows.append(Row(case, "orderdeck", [v["value"] for v in ours], "req/s", better="higher"))
    if ctx.boto3:
        peer = json_values(run_measured([sys.executable, os.path.join(PEERS, "botocore_sign.py"), str(seconds)], ctx.env,
                                        ctx.workdir).output_path)
        rows.append(Row(case, "botocore SigV4Auth", [v["value"] for v in peer], "req/s", better="higher"))
    return rows


def case_decode(ctx):
    """A real Scan answer from the stack, cut to ~1 MB (fewer items when the table is small)."""
    target = ctx.sizes["decode_bytes"]
    sample = json.dumps(ctx.stack.ddb.scan(TableName="BENCH_BIG", Limit=20)["Items"])
    per_item = max(1, len(sample) // 20)
    limit = max(1, target // per_item)
    request = urllib.request.Request(ctx.stack.endpoint, data=json.dumps({"TableName": "BENCH_BIG", "Limit": limit}).encode(),
                                     headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.Scan",
                                              "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20260101/{REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0"})
    body = urllib.request.urlopen(request).read()
    path = os.path.join(ctx.workdir, "scan-page.json")
    open(path, "wb").write(body)
    items = len(json.loads(body)["Items"])
    case = f"6. decode a {len(body) / 1e6:.2f} MB Scan answer ({items:,} items) into orders"
    rounds = str(ctx.sizes["decode_rounds"])
    rows = []
    ours = json_values(run_measured([ctx.bins["orderdeck-bench"], "decode", path, rounds], ctx.env, ctx.workdir).output_path)
    assert all(v["items"] == items for v in ours)
    rows.append(Row(case, "orderdeck", [v["value"] for v in ours], "ms"))
    # What `orders --output json` does with the page, before and now: decode every item and write
    # the orders, or write each item straight from the answer's text (the same bytes).
    written = {}
    for mode, label in (("print", "orderdeck, decoded then written as JSON (before)"),
                        ("write", "orderdeck, written straight from the text (orders --output json)")):
        values = json_values(run_measured([ctx.bins["orderdeck-bench"], mode, path, rounds], ctx.env, ctx.workdir).output_path)
        assert all(v["items"] == items for v in values)
        written[mode] = {v["out"] for v in values}
        rows.append(Row(case, label, [v["value"] for v in values], "ms", peer=False))
    assert written["print"] == written["write"], f"the two ways wrote different sizes: {written}"
    if ctx.boto3:
        peer = json_values(run_measured([sys.executable, os.path.join(PEERS, "boto3_decode.py"), path, rounds], ctx.env,
                                        ctx.workdir).output_path)
        assert all(v["items"] == items for v in peer)
        rows.append(Row(case, "boto3 (botocore parser + TypeDeserializer)", [v["value"] for v in peer], "ms"))
    return rows


def case_tui(ctx):
    """Keystroke-to-frame through the real event loop (in-memory terminal), every key, and a resize."""
    rows = []
    orders = ctx.sizes["tui_orders"]
    output = subprocess.run([ctx.bins["TUIBenchmark"], str(orders)], capture_output=True, text=True, check=True, env=ctx.env).stdout
    lines = {}
    for match in re.finditer(r"^(.+?)\s+n=\s*(\d+)\s+p50\s+([\d.]+) ms\s+p99\s+([\d.]+) ms\s+max\s+([\d.]+) ms$", output, re.M):
        name, n, p50, p99, worst = match.groups()
        lines[name.strip()] = (int(n), float(p50), float(p99), float(worst))
    for required in ("ALL KEYS", "sort (s)", "resize to full frame"):
        assert required in lines, f"TUIBenchmark printed no {required} line:\n{output}"
    keys = {name: value for name, value in lines.items()
            if name not in ("ALL KEYS", "resize to full frame", "pasted filter to rows on screen")}
    slowest = max(keys, key=lambda name: keys[name][2])
    # Issue 31: a 5,000-character pasted filter over rows holding 100 KB fields — each batch of
    # pasted keys and each key while the rows are matched within a frame, the rows within 1 s.
    for name, target in (("ALL KEYS", 16), ("sort (s)", 16), ("reverse sort (S)", 16), ("filter typing", 16),
                         ("paste (1,024 keys at once)", 16), ("move while filtering", 16),
                         ("pasted filter to rows on screen", 1000),
                         (slowest, 16), ("resize to full frame", 50)):
        if name not in lines:
            continue
        n, p50, p99, worst = lines[name]
        label = f"slowest key: {name}" if name == slowest else name
        rows.append(Row(f"7. TUI keystroke-to-frame, {orders:,} orders", f"orderdeck {label}", [p50, p99, worst], "ms",
                        note=f"here min / median / max are p50 / p99 / max over {n} (target p99 < {target} ms)"))
    # What the keys no longer wait for: built off the terminal thread, shown when ready.
    for label, pattern in (("order index (refresher)", r"^order index for \d+ orders.*: (\d+) ms$"),
                           ("Overview figures", r"^overview figures .*: (\d+) ms$")):
        match = re.search(pattern, output, re.M)
        assert match, f"TUIBenchmark printed no {label} line:\n{output}"
        rows.append(Row(f"7. TUI keystroke-to-frame, {orders:,} orders", f"orderdeck {label}", [float(match.group(1))],
                        "ms", note="off the terminal thread: no key waits for it"))
    if ctx.sizes["idle_seconds"] and shutil.which("tmux"):
        rows.append(idle_cpu(ctx))
    return rows


class TmuxDashboard:
    """The real dashboard in a tmux server of its own (200x50), for the cases that measure it.
    `close` ends it whatever state it is in: kill-server, then SIGKILL by pid for anything left (a
    pane that ignores SIGHUP — inherited from whoever started the driver — outlives kill-server)."""

    def __init__(self, socket, command):
        self.socket = socket
        subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", "od", "-x", "200", "-y", "50", command],
                       check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # the pane runs `env … orderdeck`; env execs, so the pane's pid is the dashboard's
        self.server_pid, self.pid = map(int, subprocess.run(
            ["tmux", "-L", socket, "display-message", "-p", "-t", "od", "#{pid} #{pane_pid}"],
            capture_output=True, text=True, check=True).stdout.split())

    def screen(self):
        return subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p", "-t", "od"], capture_output=True,
                              text=True).stdout

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        for pid in (self.pid, self.server_pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        # kill-server leaves the socket behind on this machine kind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"/tmp/tmux-{os.getuid()}/{self.socket}")


def idle_cpu(ctx):
    """The real dashboard in tmux on the local stack (seeded), live panes loading, nothing typed."""
    subprocess.run([ctx.bins["orderdeck"], "local", "seed", "--orders", str(ctx.sizes["idle_seed"])], env=ctx.stack.env,
                   capture_output=True, check=True)
    socket = f"orderdeck-bench-{os.getpid()}"
    env_prefix = " ".join(f"{k}={v}" for k, v in {
        "ORDERDECK_STATE_DIR": ctx.stack.state, "XDG_CONFIG_HOME": ctx.stack.env["XDG_CONFIG_HOME"],
        "AWS_EC2_METADATA_DISABLED": "true", "TERM": "xterm-256color"}.items())
    dashboard = TmuxDashboard(socket, f"env {env_prefix} {ctx.bins['orderdeck']}")
    try:
        # after seeding, the log tail re-reads its 30 s overlap window of the seeded events: idle is after that
        time.sleep(min(40, 5 + ctx.sizes["idle_seconds"]))
        before = proc_cpu_seconds(dashboard.pid)
        time.sleep(ctx.sizes["idle_seconds"])
        used = proc_cpu_seconds(dashboard.pid) - before
        percent = used / ctx.sizes["idle_seconds"] * 100
    finally:
        dashboard.close()
    return Row("7. TUI idle CPU, dashboard open, live panes", "orderdeck", [percent], "%",
               note=f"{used:.2f} s CPU in {ctx.sizes['idle_seconds']} s (target < 0.3 % of a core)")


# ----------------------------------------------------------------------------------------------


class CountingProxy:
    """A loopback HTTP proxy in front of moto that counts what each client asks for: requests by
    operation (X-Amz-Target), DynamoDB items returned (per index) and log events returned — the
    dashboard's and the followers' read cost, counted outside the tool being measured."""

    def __init__(self, upstream):
        import http.client
        import http.server
        from urllib.parse import urlparse
        target = urlparse(upstream)
        self.lock = threading.Lock()
        self.requests, self.items = {}, {}
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if not hasattr(self.server.local, "conn"):
                    self.server.local.conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
                conn = self.server.local.conn
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
                try:
                    conn.request(self.command, self.path, body=body, headers=headers)
                    answer = conn.getresponse()
                except (OSError, http.client.HTTPException):
                    conn.close()
                    self.server.local.conn = conn = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
                    conn.request(self.command, self.path, body=body, headers=headers)
                    answer = conn.getresponse()
                data = answer.read()
                operation = (self.headers.get("X-Amz-Target") or self.command).split(".")[-1]
                key = operation
                count = 0
                if operation in ("Query", "Scan", "FilterLogEvents") and answer.status == 200:
                    try:
                        request = json.loads(body or b"{}")
                        key = f"{operation} {request.get('IndexName') or request.get('TableName') or request.get('logGroupName', '')}"
                        parsed = json.loads(data)
                        count = parsed.get("Count", len(parsed.get("events", [])))
                    except ValueError:
                        pass
                with proxy.lock:
                    proxy.requests[key] = proxy.requests.get(key, 0) + 1
                    proxy.items[key] = proxy.items.get(key, 0) + count
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_GET = do_PUT = do_DELETE = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.local = threading.local()
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def snapshot(self):
        with self.lock:
            return dict(self.requests), dict(self.items)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def delta(after, before):
    return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}


def soak_order(index, created):
    item = order_item(index)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(created * 1000) % 1000:03d}Z"
    item.update({"createdAt": {"S": stamp}, "updatedAt": {"S": stamp}, "createdDay": {"S": stamp[:10]},
                 "updatedDay": {"S": stamp[:10]}})
    item["executionArn"]["S"] = item["executionArn"]["S"].replace("OrderWorkflow", "OrderWorkflow-soak")
    return item


def proc_cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_memory_mb(pid):
    values = {}
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(("VmRSS:", "VmHWM:")):
            values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def case_soak(ctx):
    """Issue 16's soak: the dashboard (release, tmux 200x50) open on the local stack's ORDER table
    at growing sizes — orders written straight into the table (with the workflow's index
    attributes), the dashboard restarted at each size — then quiet, then orders arriving at
    `soak_rate`/s. Its RSS and CPU from /proc; what it reads from the counting proxy."""
    record = json.load(open(os.path.join(ctx.stack.state, "local-stack.json")))
    table = record["stack"]["tableName"]
    proxy = CountingProxy(ctx.stack.endpoint)
    config = os.path.join(ctx.workdir, "soak.toml")
    window = ctx.sizes["soak_window"]
    with open(config, "w") as handle:
        handle.write(f'[stacks.soak]\nregion = "{REGION}"\nendpoint_url = "{proxy.endpoint}"\ntable = "{table}"\n'
                     f'state_machines = ["OrderWorkflow"]\norder_window = {window}\n')
    case = f"8. soak: dashboard on the local stack, orders at {ctx.sizes['soak_rate']}/s (window {window:,})"
    rows, loaded, start = [], 0, time.time()
    spread = 2 * 86400 / max(ctx.sizes["soak_sizes"])  # the biggest table spans two days
    socket = f"orderdeck-soak-{os.getpid()}"
    try:
        for size in ctx.sizes["soak_sizes"]:
            batches = [[{"PutRequest": {"Item": soak_order(i, start - 60 - i * spread)}}
                        for i in range(b, min(size, b + 25))] for b in range(loaded, size, 25)]
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(lambda batch: ctx.stack.ddb.batch_write_item(RequestItems={table: batch}), batches))
            loaded = size
            env_prefix = " ".join(f"{k}={v}" for k, v in {
                "ORDERDECK_STATE_DIR": ctx.stack.state, "XDG_CONFIG_HOME": ctx.stack.env["XDG_CONFIG_HOME"],
                "AWS_EC2_METADATA_DISABLED": "true", "TERM": "xterm-256color", "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing"}.items())
            dashboard = TmuxDashboard(socket, f"env {env_prefix} {ctx.bins['orderdeck']} --config {config} --stack soak")
            pid = dashboard.pid
            try:
                began = time.time()
                first = proxy.snapshot()
                # the first load has ended when the window's Queries stop (moto needs minutes at
                # 100,000 orders, several seconds a Query: 3 s without one was once taken for the
                # end while the load went on): 15 s without a new Query, then `soak_settle` more
                reads = lambda: proxy.snapshot()[0].get("Query RecentOrders", 0)
                previous, still = -1, 0
                quiet_for = min(15, ctx.sizes["soak_settle"])
                while still < quiet_for and time.time() - began < 900 and not (reads() == 0 and time.time() - began > 60):
                    time.sleep(1)
                    current = reads()
                    still = still + 1 if current == previous and current > 0 else 0
                    previous = current
                time.sleep(ctx.sizes["soak_settle"])
                load_cpu = proc_cpu_seconds(pid)
                first_load = delta(proxy.snapshot()[1], first[1])
                # quiet
                c0, r0 = proc_cpu_seconds(pid), proxy.snapshot()
                time.sleep(ctx.sizes["soak_idle"])
                c1, r1 = proc_cpu_seconds(pid), proxy.snapshot()
                idle_cpu = (c1 - c0) / ctx.sizes["soak_idle"] * 100
                # traffic: new orders arriving
                next_at, written = time.time(), 0
                while time.time() - next_at < ctx.sizes["soak_traffic"] or written == 0:
                    index = loaded + 1_000_000 + written
                    ctx.stack.ddb.put_item(TableName=table, Item=soak_order(index, time.time()))
                    written += 1
                    time.sleep(max(0.0, next_at + written / ctx.sizes["soak_rate"] - time.time()))
                    if time.time() - next_at >= ctx.sizes["soak_traffic"]:
                        break
                c2, r2 = proc_cpu_seconds(pid), proxy.snapshot()
                traffic_cpu = (c2 - c1) / max(0.001, time.time() - next_at) * 100
                rss, hwm = proc_memory_mb(pid)
                screen = dashboard.screen()
            finally:
                dashboard.close()
            quiet_requests, quiet_items = delta(r1[0], r0[0]), delta(r1[1], r0[1])
            busy_items = delta(r2[1], r1[1])
            refreshes = quiet_requests.get("Query ChangedOrders", 0)
            order_keys = ("Query ChangedOrders", "Query RecentOrders", f"Scan {table}", f"Query {table}")
            order_items = sum(v for k, v in quiet_items.items() if k in order_keys)
            requests_per_min = sum(quiet_requests.values()) / ctx.sizes["soak_idle"] * 60
            assert "orders" in screen, f"the dashboard did not show at {size}: {screen[:200]}"
            ctx.stack.loaded_orders = loaded + written
            note = (f"RSS {rss:.0f} MB (peak {hwm:.0f}); CPU first load {load_cpu:.2f} s, idle {idle_cpu:.2f} %, "
                    f"{written} new orders {traffic_cpu:.2f} %; quiet: {requests_per_min:.0f} requests/min, "
                    f"{refreshes} order refreshes read {order_items} order items; busy: "
                    f"{busy_items.get('Query ChangedOrders', 0)} changed items read; first load read "
                    f"{sum(v for k, v in first_load.items() if k.startswith(('Query Recent', 'Scan')))} orders")
            print(f"  soak {size:,}: {note}", file=sys.stderr, flush=True)
            rows.append(Row(case, f"orderdeck, {size:,} orders", [rss], "MB", note=note, peer=False))
            rows[-1].soak = dict(size=size, rss=rss, hwm=hwm, idle=idle_cpu, traffic=traffic_cpu, items=order_items,
                                 refreshes=refreshes)
    finally:
        proxy.close()
    return rows


def case_streamed_rss(ctx):
    """`orders --limit 0 --output json` prints page by page: its peak RSS at three table sizes."""
    rows = []
    case = "2b. all orders as JSON, streamed: peak RSS by table size"
    for stack, count in (("small", ctx.sizes["small"]), ("mid", ctx.sizes["mid"]), ("big", ctx.sizes["big"])):
        if stack == "big" and getattr(ctx, "big_sample", None):
            sample = ctx.big_sample
        else:
            sample = run_measured([ctx.bins["orderdeck"], "orders", "--config", ctx.stack.config, "--stack", stack,
                                   "--output", "json", "--limit", "0"], ctx.env, ctx.workdir)
        if sample.output_path:  # case 2's run was validated there
            got = count_json(sample.output_path, "orders")
            assert got == count, f"printed {got} orders, wanted {count}"
        rows.append(Row(case, f"orderdeck, {count:,} orders", [sample.rss_mb], "MB", cpu=sample.cpu,
                        note=f"{sample.wall:.1f} s wall", peer=False))
    return rows


def orders_gateway(ctx):
    """The local stack's record, the gateway's orders URL and the headers a POST to it needs
    (the API key when the stack has one)."""
    record = json.load(open(os.path.join(ctx.stack.state, "local-stack.json")))
    headers = {"Content-Type": "application/json"}
    if record.get("apiKey"):
        headers["x-api-key"] = record["apiKey"]
    return record, f"http://127.0.0.1:{record['gatewayPort']}/main/orders", headers


def post_order(url, headers, order):
    """POSTs one order to the gateway; the execution ARN it started."""
    request = urllib.request.Request(url, data=json.dumps(order).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)["executionArn"]


def case_delivery(ctx):
    """The local stack's vended-log delivery (the companion beside moto): orders POSTed to the
    gateway one after another, then the lag of each history event's log line — CloudWatch's
    ingestionTime minus the event's timestamp. No peer: nothing else delivers these logs locally."""
    record, url, headers = orders_gateway(ctx)
    machine = next(m for m in record["stack"]["machines"] if m["apiResource"] == "orders")
    count = ctx.sizes["delivery_orders"]
    arns = []
    for index in range(count):
        arns.append(post_order(url, headers, {
            "id": f"lag-{uuid.uuid4().hex[:10]}", "user_id": "bench_lag", "customer": {"email": "lag@example.com"},
            "amount": 12.5, "currency": "EUR", "giftWrap": False, "items": [{"sku": "MUG-001", "quantity": 1}]}))
        time.sleep(0.5)
    deadline = time.time() + 120
    lags, pending = [], set(arns)
    while pending and time.time() < deadline:
        time.sleep(1)
        found = {}
        for page in ctx.stack.logs.get_paginator("filter_log_events").paginate(logGroupName=machine["logGroupName"]):
            for event in page["events"]:
                message = json.loads(event["message"])
                if message.get("execution_arn") in pending:
                    found.setdefault(message["execution_arn"], []).append(event)
        for arn, events in found.items():
            if any(json.loads(e["message"])["type"].startswith("Execution") and
                   json.loads(e["message"])["type"] != "ExecutionStarted" for e in events):
                pending.discard(arn)
                lags += [e["ingestionTime"] - e["timestamp"] for e in events]
    case = f"9. vended-log delivery: {count} orders via the gateway, event → log line"
    note = f"p95 {fmt(percentile(lags, 0.95), 'ms')} over {len(lags)} events of {count - len(pending)} runs" + \
        (f"; FAILED: {len(pending)} executions never finished in the logs" if pending else "")
    return [Row(case, "orderdeck local stack", lags, "ms", note=note, peer=False)]


def case_live(ctx):
    """Issue 28: from an order's POST returning (what `submit` waits for) to its row on the Orders
    screen, and from its execution's end (DescribeExecution's stopDate; the workflow itself waits
    seconds) to the row's EXECUTION column showing the final status — the real dashboard (tmux 200x50) on the local stack,
    the order stream with log-driven refreshes (the default), log-driven without the stream
    (ORDERDECK_NO_ORDER_STREAM=1) and the timed reads alone (ORDERDECK_TIMED_REFRESH_ONLY=1).
    Also what each mode asks of the stack while nothing happens (the counting proxy), and the
    dashboard's CPU meanwhile."""
    record, url, headers = orders_gateway(ctx)
    table = record["stack"]["tableName"]
    proxy = CountingProxy(ctx.stack.endpoint)
    config = os.path.join(ctx.workdir, "live.toml")
    with open(config, "w") as handle:
        handle.write(f'[stacks.live]\nregion = "{REGION}"\nendpoint_url = "{proxy.endpoint}"\ntable = "{table}"\n'
                     f'state_machines = ["OrderWorkflow"]\n')
    count, quiet = ctx.sizes["live_orders"], ctx.sizes["live_quiet"]
    case = f"10. live: POST returned → order row on screen; execution ended → final status on screen ({count} orders)"
    rows = []
    try:
        for mode, extra in (("stream + log-driven", {}), ("log-driven, no stream", {"ORDERDECK_NO_ORDER_STREAM": "1"}),
                            ("timed reads only", {"ORDERDECK_TIMED_REFRESH_ONLY": "1"})):
            env_prefix = " ".join(f"{k}={v}" for k, v in {
                "ORDERDECK_STATE_DIR": ctx.stack.state, "XDG_CONFIG_HOME": ctx.stack.env["XDG_CONFIG_HOME"],
                "AWS_EC2_METADATA_DISABLED": "true", "TERM": "xterm-256color", "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", **extra}.items())
            dashboard = TmuxDashboard(f"orderdeck-live-{os.getpid()}",
                                      f"env {env_prefix} {ctx.bins['orderdeck']} --config {config} --stack live")
            try:
                time.sleep(3)
                subprocess.run(["tmux", "-L", dashboard.socket, "send-keys", "-t", "od", "1"], check=True)
                # quiet: what it reads while nothing happens (after the first loads settled)
                time.sleep(5)
                before = proxy.snapshot()[0]
                cpu_before = proc_cpu_seconds(dashboard.pid)
                time.sleep(quiet)
                quiet_cpu = (proc_cpu_seconds(dashboard.pid) - cpu_before) / max(quiet, 0.001) * 100
                quiet_delta = delta(proxy.snapshot()[0], before)
                quiet_requests = sum(quiet_delta.values()) / max(quiet, 0.001) * 60
                quiet_by_call = ", ".join(f"{key} {value / max(quiet, 0.001) * 60:.0f}"
                                          for key, value in sorted(quiet_delta.items(), key=lambda kv: -kv[1]))
                to_row, to_final, missed = [], [], 0
                for index in range(count):
                    order_id = f"live-{uuid.uuid4().hex[:10]}"
                    arn = post_order(url, headers, {
                        "id": order_id, "user_id": "bench_live", "customer": {"email": "l@example.com"},
                        "amount": 12.5, "currency": "EUR", "giftWrap": False,
                        "items": [{"sku": "MUG-001", "quantity": 1}]})
                    returned, row_at, final_at = time.perf_counter(), None, None
                    returned_wall = time.time()
                    while time.perf_counter() - returned < 20 and final_at is None:
                        line = next((l for l in dashboard.screen().splitlines() if order_id in l), None)
                        now = time.perf_counter()
                        if line is not None and row_at is None:
                            row_at = now
                        # the row's EXECUTION column: the execution's own final status
                        if line is not None and any(word in line.split() for word in
                                                    ("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")):
                            final_at = now
                        time.sleep(0.05)
                    if row_at is None or final_at is None:
                        missed += 1
                        seen = next((l for l in dashboard.screen().splitlines() if order_id in l), "not on screen")
                        print(f"  live ({mode}): {order_id} after 20 s: {seen.strip()}", file=sys.stderr, flush=True)
                    if row_at is not None:
                        to_row.append((row_at - returned) * 1000)
                    if final_at is not None:
                        # Behind the execution's own end (the workflow waits seconds by design).
                        stopped = ctx.stack.sfn.describe_execution(executionArn=arn)["stopDate"].timestamp()
                        to_final.append((returned_wall + (final_at - returned) - stopped) * 1000)
                    time.sleep(0.5)
            finally:
                dashboard.close()
            note = (f"to the row p50 {fmt(percentile(to_row, 0.5), 'ms')} p95 {fmt(percentile(to_row, 0.95), 'ms')}; "
                    f"execution end to the final status p50 {fmt(percentile(to_final, 0.5), 'ms')} "
                    f"p95 {fmt(percentile(to_final, 0.95), 'ms')}; quiet: {quiet_requests:.0f} requests/min "
                    f"({quiet_by_call}), dashboard CPU {quiet_cpu:.2f} % of a core")
            if missed:
                note += f"; FAILED: {missed} orders not seen in 20 s"
            print(f"  live ({mode}): {note}", file=sys.stderr, flush=True)
            rows.append(Row(case, f"orderdeck, {mode}", to_final, "ms", note=note, peer=False))
    finally:
        proxy.close()
    return rows


class Context:
    pass


SIZES = {
    "full": dict(small=1000, mid=10000, first=100, big=50000, soak_sizes=[2000, 20000, 100000], soak_window=10000,
                 soak_rate=1.5, soak_settle=20, soak_idle=30, soak_traffic=30, follow_idle=30, executions=1000, histories=100, follow_events=500, follow_rate=25,
                 sign_seconds=5, decode_bytes=1_000_000, decode_rounds=20, tui_orders=100000, idle_seconds=30, idle_seed=40, delivery_orders=20,
                 live_orders=50, live_quiet=30),
    "smoke": dict(small=30, mid=60, first=10, big=120, soak_sizes=[50, 150], soak_window=100, soak_rate=5,
                  soak_settle=4, soak_idle=2, soak_traffic=2, follow_idle=2, executions=6, histories=3, follow_events=10, follow_rate=10,
                  sign_seconds=0.5, decode_bytes=30_000, decode_rounds=2, tui_orders=2000, idle_seconds=0, idle_seed=0, delivery_orders=2,
                  live_orders=2, live_quiet=2),
}


def case_replay(ctx):
    """Issue 29: `orderdeck replay` of a completed order-workflow execution, from the command to the
    comparison printed, with the replay engine (LocalStack) already up — it is started once and
    reused; its cold start is reported beside. No peer: no other tool replays an execution."""
    _, url, headers = orders_gateway(ctx)
    case = "11. replay a completed execution (engine up)"
    completed = None
    for attempt in range(8):
        arn = post_order(url, headers, {
            "id": f"replay-{uuid.uuid4().hex[:10]}", "user_id": "bench_replay", "customer": {"email": "replay@example.com"},
            "amount": 12.5, "currency": "EUR", "giftWrap": attempt % 2 == 0,
            "items": [{"sku": "MUG-001", "quantity": 1}, {"sku": "BACK-900", "quantity": 1}]})
        deadline = time.time() + 120
        status = "RUNNING"
        while status == "RUNNING" and time.time() < deadline:
            time.sleep(0.5)
            status = ctx.stack.sfn.describe_execution(executionArn=arn)["status"]
        if status == "SUCCEEDED":
            completed = arn
            break
    if completed is None:
        return [Row(case, "orderdeck", [], "s", note="FAILED: no order completed in eight", peer=False)]
    env = dict(ctx.stack.env)
    argv = [ctx.bins["orderdeck"], "replay", completed, "--output", "json"]
    try:
        try:
            first = run_measured(argv, env, ctx.workdir)
        except RuntimeError as error:
            if "Python ≥ 3.12" in str(error):  # LocalStack cannot run on this machine: said, not failed
                return [Row(case, "orderdeck", [], "s", note=f"skipped: {error}", peer=False)]
            raise
        cold = json.load(open(first.output_path)).get("engineColdStartSeconds")
        walls, cpus, rsss, verdicts = [], [], [], []
        for _ in range(ctx.runs):
            try:
                sample = run_measured([ctx.bins["orderdeck"], "replay", completed], env, ctx.workdir)
            except RuntimeError as error:  # exit 1: the replay did not match
                verdicts.append(str(error))
                continue
            walls.append(sample.wall)
            cpus.append(sample.cpu)
            rsss.append(sample.rss_mb)
            with open(sample.output_path) as handle:
                verdicts.append(next((line for line in handle if line.startswith(("replay matches", "replay differs"))), ""))
    finally:
        subprocess.run([ctx.bins["orderdeck"], "replay", "--stop-engine"], env=env, capture_output=True)
    matched = sum(1 for line in verdicts if line.startswith("replay matches"))
    note = (f"target ≤ 5 s; engine cold start {fmt(cold, 's')} (first replay {fmt(first.wall, 's')}); "
            f"{matched}/{len(verdicts)} replays matched the original")
    if matched < len(verdicts):
        note = "FAILED: " + note
    return [Row(case, "orderdeck", walls, "s", cpu=statistics.median(cpus), rss=max(rsss), note=note, peer=False)]


def main():
    # Children (tmux servers, the dashboards in them) inherit the signal mask: a test runner that
    # started this driver blocks some signals, and a pane blocking SIGHUP outlives kill-server.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="every case once on tiny data")
    parser.add_argument("--runs", type=int, help="runs per tool for the quick cases (default 5; smoke 1)")
    parser.add_argument("--big-runs", type=int, help="runs per tool for cases 2 and 3b (default 1)")
    parser.add_argument("--bin", help="directory with orderdeck, orderdeck-bench and TUIBenchmark (default: release build)")
    parser.add_argument("--cases", default="1,2,3,4,5,6,7,8,9,10,11", help="which cases, e.g. 1,5,6")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--soak-sizes", help="table sizes for case 8, e.g. 2000,20000 (default: the run's)")
    args = parser.parse_args()

    ctx = Context()
    ctx.sizes = dict(SIZES["smoke" if args.smoke else "full"])
    if args.soak_sizes:
        ctx.sizes["soak_sizes"] = [int(size) for size in args.soak_sizes.split(",")]
    ctx.runs = args.runs or (1 if args.smoke else 5)
    # The 50,000-order scan (moto needs minutes per full scan here) and the CLIs' 100 history
    # processes are run once per tool; the quick cases `--runs` times.
    ctx.big_runs = args.big_runs or 1
    ctx.follow_runs = 1 if args.smoke else 2
    ctx.follow_warmup, ctx.follow_grace = (2.0, 12.0) if args.smoke else (3.0, 15.0)
    cases = {int(c) for c in args.cases.split(",")}

    if args.bin:
        bin_dir = os.path.abspath(args.bin)
    else:
        for product in ("orderdeck", "orderdeck-bench", "TUIBenchmark"):
            # As Scripts/install.sh builds it (the Swift libraries linked in).
            subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", product], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        bin_dir = os.path.join(ROOT, ".build", "release")
    ctx.bins = {name: os.path.join(bin_dir, name) for name in ("orderdeck", "orderdeck-bench", "TUIBenchmark")}
    ctx.clis = find_aws_clis()
    ctx.boto3 = has_boto3()

    ctx.workdir = tempfile.mkdtemp(prefix="orderdeck-bench-")
    ctx.env = clean_env(ctx.workdir)
    print(f"# OrderDeck benchmarks — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"{'smoke' if args.smoke else 'full'} run")
    print("peers: " + ", ".join([f"{n} ({v})" for n, (_, v) in ctx.clis.items()] + (["boto3"] if ctx.boto3 else [])
                                  or ["none found"]))
    ctx.stack = Stack(ctx.bins, ctx.workdir, ctx.sizes)
    rows = []
    try:
        ctx.stack.up()
        if cases & {1, 2, 3, 4, 6}:
            loaded = ctx.stack.load()
            print(f"data set: {ctx.sizes['small']:,} + {ctx.sizes['big']:,} orders, {ctx.sizes['executions']:,} executions "
                  f"(loaded in {loaded:.0f} s), moto at {ctx.stack.endpoint}")
        print()
        for number, case in ((1, case_cold_start), (2, case_full_scan), (3, case_executions), (4, case_follow),
                             (5, case_signing), (6, case_decode), (7, case_tui), (8, case_soak),
                             (9, case_delivery), (10, case_live), (11, case_replay)):
            if number in cases:
                started = time.perf_counter()
                case_rows = case(ctx)
                if number == 2:
                    ours = next((r for r in case_rows if r.tool == "orderdeck" and r.values), None)
                    ctx.big_sample = ours and Sample(min(ours.values), ours.cpu, ours.rss, None)
                    case_rows += case_streamed_rss(ctx)
                rows += case_rows
                print(f"  case {number} done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
                print_table(case_rows, sys.stderr)
    finally:
        ctx.stack.down()
    print_table(rows)
    if args.markdown:
        with open(args.markdown, "w") as handle:
            print_table(rows, handle)
    failed = [row for row in rows if row.note.startswith("FAILED") and row.tool == "orderdeck"]
    shutil.rmtree(ctx.workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
