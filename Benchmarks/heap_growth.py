"""The dashboard's memory over time under arriving orders (issue 16's soak, looked at closely):
one local stack, a table of SIZE orders, the real dashboard (release, tmux) started once per
variant — each variant an environment prefix such as GLIBC_TUNABLES=glibc.malloc.arena_max=1, or
`plain` — quiet for the first minute, then one order every 1.5 s. Prints RSS every 12 s.

    python3 Benchmarks/heap_growth.py [--size 20000] [--seconds 180] plain 'GLIBC_TUNABLES=…'
"""
import argparse
import importlib.util
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("run", os.path.join(HERE, "run.py"))
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--bin", default=os.path.join(HERE, "..", ".build", "release"))
    parser.add_argument("variants", nargs="*", default=["plain"])
    args = parser.parse_args()
    bins = {name: os.path.join(os.path.abspath(args.bin), name) for name in ("orderdeck", "orderdeck-bench", "TUIBenchmark")}
    workdir = tempfile.mkdtemp(prefix="orderdeck-heap-")
    stack = run.Stack(bins, workdir, dict(run.SIZES["full"]))
    stack.up()
    try:
        table = json.load(open(os.path.join(stack.state, "local-stack.json")))["stack"]["tableName"]
        config = os.path.join(workdir, "heap.toml")
        with open(config, "w") as handle:
            handle.write(f'[stacks.heap]\nregion = "{run.REGION}"\nendpoint_url = "{stack.endpoint}"\n'
                         f'table = "{table}"\nstate_machines = ["OrderWorkflow"]\norder_window = 10000\n')
        start, spread = time.time(), 2 * 86400 / 100000
        batches = [[{"PutRequest": {"Item": run.soak_order(i, start - 60 - i * spread)}}
                    for i in range(b, min(args.size, b + 25))] for b in range(0, args.size, 25)]
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda batch: stack.ddb.batch_write_item(RequestItems={table: batch}), batches))
        env = {"ORDERDECK_STATE_DIR": stack.state, "XDG_CONFIG_HOME": stack.env["XDG_CONFIG_HOME"],
               "AWS_EC2_METADATA_DISABLED": "true", "TERM": "xterm-256color", "AWS_ACCESS_KEY_ID": "testing",
               "AWS_SECRET_ACCESS_KEY": "testing"}
        prefix = " ".join(f"{k}={v}" for k, v in env.items())
        written = 0
        for variant in args.variants:
            extra = "" if variant == "plain" else variant
            dashboard = run.TmuxDashboard(f"orderdeck-heap-{os.getpid()}",
                                          f"env {prefix} {extra} {bins['orderdeck']} --config {config} --stack heap")
            try:
                samples, began = [], time.time()
                while time.time() - began < args.seconds:
                    time.sleep(1.5)
                    samples.append(run.proc_memory_mb(dashboard.pid)[0])
                    if time.time() - began > 60:
                        stack.ddb.put_item(TableName=table, Item=run.soak_order(1_000_000 + written, time.time()))
                        written += 1
                rss, peak = run.proc_memory_mb(dashboard.pid)
                print(f"{variant}: RSS every 12 s {[round(v) for v in samples[::8]]} MB; final {rss:.0f}, peak {peak:.0f}",
                      flush=True)
            finally:
                dashboard.close()
    finally:
        stack.down()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
