#!/usr/bin/env bash
# Install Debian's Chromium (and a font so text renders) for the real-browser tests; idempotent.
# Playwright drives /usr/bin/chromium: `playwright install` would download a browser build of its
# own, which fails on machines that only reach package registries.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ ! -x $CHROMIUM ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        echo "Installing Debian's chromium for the browser tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core
    else
        cat >&2 <<MSG
$CHROMIUM is missing and this script is not running as root.
The browser tests need Debian's Chromium. Install it with:

    sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core

or run this script as root: sudo bash scripts/install-browser.sh
MSG
        exit 1
    fi
fi

# Debian's launcher script may print a harmless shell warning about /dev/shm on stderr here.
"$CHROMIUM" --version
