#!/usr/bin/env bash
# The Debian packages the tests run for real: curl (the seeds' recipes), openssl (test
# certificates), tinyproxy and squid (real proxies), groovy (the script-console script in a real
# Groovy), jq (the README recipes) and shellcheck (run: scripts). Installs what is missing,
# so that `npm ci && npm test` works on a fresh machine; npm runs it before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node.js 24.4.1, what self-hosted runners on runner 2.327.x start the action with: the
# committed dist/ runs on it too (__tests__/e2e/older-node.test.ts). From the npm registry,
# as the tests' own Node 24 comes, into build/ (not a dependency: its bin would be `node`).
OLDER_NODE=build/node-24.4
if [ ! -x "$OLDER_NODE/node_modules/.bin/node" ]; then
  echo "Installing Node.js 24.4.1 for the tests of an older runner into $OLDER_NODE" >&2
  npm install --prefix "$OLDER_NODE" --no-save --no-package-lock --no-audit --no-fund \
    node@24.4.1 >&2 || echo "Could not install Node.js 24.4.1: those tests will say so." >&2
fi

missing=()
# The seeds' recipes run Debian's curl by its path, /usr/bin/curl, whatever else is on PATH.
[ -x /usr/bin/curl ] || missing+=(curl)
for tool in openssl tinyproxy groovy jq shellcheck; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
# squid is in /usr/sbin, often not on a user's PATH.
[ -x /usr/sbin/squid ] || missing+=(squid)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "The tests need these programs, which are missing: ${missing[*]}. Install them, then run the tests again." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "The tests need these Debian packages, which are missing: ${missing[*]}. Install them as root (there is no sudo here): apt-get install ${missing[*]}; then run the tests again." >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "Installing the Debian packages the tests use: ${missing[*]}" >&2
# Installing squid (or tinyproxy) starts its daemon, squid on port 3128 of every interface.
# The tests start their own proxies on loopback only: a policy-rc.d that exits 101 (Debian's
# way, honoured by invoke-rc.d and deb-systemd-invoke) keeps services stopped during the
# install. One already there (Docker images have one) is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  # shellcheck disable=SC2016
  "${sudo[@]}" sh -c 'printf "#!/bin/sh\nexit 101\n" >"$1" && chmod 755 "$1"' sh "$policy"
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
