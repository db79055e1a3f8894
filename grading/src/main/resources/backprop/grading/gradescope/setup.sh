#!/usr/bin/env bash
# Backprop Kit autograder: Gradescope runs this once, as root, when it builds the autograder's
# image (an Ubuntu system). The grader needs a JDK 17 or newer (its jars are in lib/), and uses
# bubblewrap to sandbox student code when the container allows it (else an unprivileged user of
# its own, through setpriv from util-linux): run_autograder's log says which.
set -euo pipefail
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless bubblewrap util-linux
java -version
