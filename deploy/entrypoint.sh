#!/usr/bin/env bash
# The image's entry point: ./hyperrep without the build step (the image holds the build).
#   HYPERREP_HOME (default /src): the built repository; HYPERREP_JAVA_OPTS (default -Xmx6g);
#   HYPERREP_ND4J_BUILD (default auto: the CLI picks the ND4J native build from the node's CPU flags, so one
#   image runs on AVX2 and AVX-512 nodes alike).
# The Vector API module is what makes the evaluation kernel fast (~7x); the launcher passes it too.
set -euo pipefail
home="${HYPERREP_HOME:-/src}"
cpfile="$home/deploy/launcher/target/hyperrep.classpath"
[ -f "$cpfile" ] || { echo "hyperrep: no build under $home (missing $cpfile)" >&2; exit 1; }
# shellcheck disable=SC2086
exec java ${HYPERREP_JAVA_OPTS:--Xmx6g} --add-modules jdk.incubator.vector -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.io.hyperrep=info -cp "$home/deploy/launcher/target/classes:$(cat "$cpfile")" io.hyperrep.launcher.Hyperrep "$@"
