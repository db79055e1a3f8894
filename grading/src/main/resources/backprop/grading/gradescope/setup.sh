#!/usr/bin/env bash
# Backprop Kit autograder: Gradescope runs this once, as root, when it builds the autograder's
# image (an Ubuntu system). All the grader needs is a JDK 17 or newer: its jars are in lib/.
set -euo pipefail
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless
java -version
