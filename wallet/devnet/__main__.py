"""``python -m wallet.devnet``: run the devnet playground in the foreground and print its manifest."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from pathlib import Path

from wallet.devnet import DEFAULT_CHAIN_IDS, Devnet
from wallet.devnet.toolchain import ToolchainMissingError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wallet.devnet", description=__doc__)
    parser.add_argument("--chain-ids", type=int, nargs="+", default=list(DEFAULT_CHAIN_IDS),
                        help="chain ids to start (default: %(default)s)")
    parser.add_argument("--manifest", type=Path, help="also write the manifest to this file")
    parser.add_argument("--exit", action="store_true", help="stop right after printing (a smoke test)")
    args = parser.parse_args(argv)
    try:
        devnet = Devnet.start(tuple(args.chain_ids), manifest_path=args.manifest)
    except ToolchainMissingError as error:
        print(error, file=sys.stderr)
        return 2
    with devnet:
        print(json.dumps(devnet.manifest(), indent=2), flush=True)
        print(f"devnet ready in {devnet.started_in_s:.1f}s; Ctrl+C stops it", file=sys.stderr, flush=True)
        if not args.exit:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
