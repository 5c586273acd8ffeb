#!/usr/bin/env bash
# Builds the release archives from what `mvn package` made; Maven runs it after the Quarkus build (the
# exec-maven-plugin execution "archives" in pom.xml). docs/cli.md and docs/ci.md describe the result.
#
#   target/teal-cli-VERSION-linux-x86_64.tar.gz      teal-VERSION/{bin/teal, lib/, runtime/}
#   target/dist/teal/                                 the same, unpacked (the image copies runtime/ and operator/)
#   target/teal-sandbox-VERSION-linux-x86_64.tar.gz  the same, plus bin/teal-sandbox, sandbox/, operator/
#
# Both hold one Java runtime made with jlink from the build JDK, so they run with nothing installed; the
# sandbox archive is a superset of the CLI archive and unpacks over it. The CLI's AOT cache (lib/teal.aot)
# comes from a training run (dev.teal.cli.AotTraining) on that runtime against a teal-sandbox started from
# the staged sandbox archive itself, which also checks that the sandbox starts from the archive; its help
# cache (lib/teal-help.aot) from a training run on --help, --version and usage errors alone.
#
# Inputs (environment): TEAL_VERSION, PICOCLI_VERSION, TEAL_JAVA_RELEASE (the project's Java release),
# JAVA_HOME (the build JDK), and in the working directory (the
# project): target/quarkus-app (the packaged operator), target/teal-VERSION.jar (the classes),
# target/dist/deps (every runtime dependency, groupId-prefixed, from maven-dependency-plugin),
# target/dist/sources (picocli's sources jar, from the same plugin) and
# target/test-classes (the sandbox, compiled from src/sandbox/java with the tests). Without the test
# classes (-Dmaven.test.skip) only the CLI archive is built, and its cache is trained on --help alone.
set -euo pipefail

version="${TEAL_VERSION:?TEAL_VERSION is not set}"
picocli_version="${PICOCLI_VERSION:?PICOCLI_VERSION is not set}"
java_release="${TEAL_JAVA_RELEASE:?TEAL_JAVA_RELEASE is not set}"
jdk="${JAVA_HOME:?JAVA_HOME is not set}"
target="target"
app="$target/quarkus-app"
deps="$target/dist/deps"
name="teal-$version"
stage="$target/dist/teal" # version-less, so the image (src/main/docker/OperatorImage.java) can name it
say() { echo "archives: [$(date +%T)] $*" >&2; }

[ -f "$app/quarkus-run.jar" ] || { say "$app is missing: the Quarkus build runs first"; exit 1; }

# ---- the Java runtime -----------------------------------------------------------------------------------
# java.se and the JDK modules the operator (Quarkus, Vert.x, Micrometer), the simulator (jdk.httpserver) and
# DynamoDB Local (jdk.unsupported) use; the CLI alone needs java.base, java.sql and java.net.http.
# --generate-cds-archive gives the runtime its default class-data archive, which a JDK has and a jlink image
# otherwise lacks: without it every JDK class is loaded from the modules file (about 40 ms more per start).
modules="java.se,jdk.unsupported,jdk.httpserver,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.net"
rm -rf "$stage"
# An image built from an earlier stage (-Pimage, src/main/docker/OperatorImage.java) no longer matches this
# one: gone, so OperatorImageIT checks only an image of this build, or says it was not built.
rm -f "$target/teal-operator-image.tar"
mkdir -p "$stage/bin" "$stage/lib"
say "jlink $modules"
"$jdk/bin/jlink" --add-modules "$modules" --output "$stage/runtime" --strip-debug --no-header-files \
  --no-man-pages --generate-cds-archive >/dev/null
rm -f "$stage/runtime/lib/server/classes_nocoops.jsa" # only for heaps over 32 GB

# ---- the CLI --------------------------------------------------------------------------------------------
# The CLI's jars are the operator's (target/quarkus-app/lib/main: the same resolved versions) minus Quarkus,
# Vert.x, Netty and Micrometer, and the SDK modules only the operator's notifications use (EventBridge, SSM,
# Secrets Manager), which the CLI never loads. lib/classpath fixes their order, which decides which copy of a
# name wins when they are merged into one jar below.
cp "src/main/dist/bin/teal" "$stage/bin/teal"
cp "$target/teal-$version.jar" "$stage/lib/"
echo "teal-$version.jar" >"$stage/lib/classpath"
for jar in "$app"/lib/main/*.jar; do
  base="${jar##*/}"
  case "$base" in
    software.amazon.awssdk.eventbridge-* | software.amazon.awssdk.ssm-* | software.amazon.awssdk.secretsmanager-*) ;;
    software.amazon.awssdk.* | software.amazon.eventstream.* | com.fasterxml.jackson.* | info.picocli.* \
      | org.yaml.* | org.slf4j.slf4j-api-* | org.reactivestreams.*)
      cp "$jar" "$stage/lib/"
      echo "$base" >>"$stage/lib/classpath"
      ;;
  esac
done
# picocli, rebuilt: its jar is Java 5 bytecode (class file 49), which the JVM can neither verify with the
# split verifier nor put in an AOT cache, so every command loaded and verified its ~170 classes from the jar
# (docs/cli.md, "Start-up time"). The same release, compiled by this JDK from picocli's published sources jar
# (maven-dependency-plugin, execution archive-picocli-sources), takes its place under the same name.
picocli_jar="info.picocli.picocli-$picocli_version.jar"
picocli_sources="$target/dist/sources/picocli-$picocli_version-sources.jar"
[ -f "$stage/lib/$picocli_jar" ] || { say "$picocli_jar is not among the operator's libraries"; exit 1; }
[ -f "$picocli_sources" ] || { say "$picocli_sources is missing (maven-dependency-plugin runs first)"; exit 1; }
say "compiling picocli $picocli_version from its sources jar for this JDK"
picocli_build="$target/dist/picocli"
rm -rf "$picocli_build"
mkdir -p "$picocli_build/src" "$picocli_build/classes"
(cd "$picocli_build/src" && "$jdk/bin/jar" xf "$OLDPWD/$picocli_sources")
"$jdk/bin/javac" -nowarn -XDsuppressNotes --release "$java_release" -encoding UTF-8 -d "$picocli_build/classes" \
  $(find "$picocli_build/src/picocli" -name '*.java')
rm -f "$stage/lib/$picocli_jar"
"$jdk/bin/jar" --create --file "$stage/lib/$picocli_jar" -C "$picocli_build/classes" .

# ---- the sandbox ----------------------------------------------------------------------------------------
# sandbox/lib: the sandbox's classes (src/sandbox/java) and what only it needs (DynamoDB Local and its
# dependencies); the rest of its class path is the CLI's lib and the operator's, listed in sandbox/classpath
# relative to sandbox/. operator/: the packaged operator, as the image ships it.
sandbox=false
if [ -d "$target/test-classes/dev/teal/sandbox/launcher" ]; then
  sandbox=true
  mkdir -p "$stage/sandbox/lib"
  cp "src/main/dist/bin/teal-sandbox" "$stage/bin/teal-sandbox"
  "$jdk/bin/jar" --create --file "$stage/sandbox/lib/teal-sandbox-$version.jar" \
    -C "$target/test-classes" dev/teal/sandbox -C "$target/test-classes" META-INF/services
  echo "lib/teal-sandbox-$version.jar" >"$stage/sandbox/classpath"
  cp -R "$app" "$stage/operator"
  rm -f "$stage/operator/app.aot" # trained on the build JDK's modules, not this runtime's: retrained below
  cp "src/main/dist/operator/jvm.options" "$stage/operator/jvm.options" # its JVM flags, for all that start it
  for dep in "$deps"/*; do
    base="${dep##*/}"
    if [ -f "$stage/lib/$base" ]; then
      continue
    elif [ -f "$stage/operator/lib/main/$base" ]; then
      echo "../operator/lib/main/$base" >>"$stage/sandbox/classpath"
    elif [ -f "$stage/operator/lib/boot/$base" ]; then
      echo "../operator/lib/boot/$base" >>"$stage/sandbox/classpath"
    else
      case "$base" in
        *.jar)
          cp "$dep" "$stage/sandbox/lib/"
          echo "lib/$base" >>"$stage/sandbox/classpath"
          ;;
        *linux-amd64*.so) cp "$dep" "$stage/sandbox/lib/${base#com.almworks.sqlite4java.}" ;; # SQLite for x86_64 Linux
        *) ;; # other platforms' native libraries
      esac
    fi
  done
fi

# ---- the CLI's jars as one -------------------------------------------------------------------------------
# Every command pays for each jar of its class path (src/main/dist/CliJar.java says how, and how they are
# merged): the CLI runs from one jar. After the sandbox above, which takes from the CLI's lib what it shares.
cli_jars=()
while IFS= read -r jar || [ -n "$jar" ]; do
  cli_jars+=("$stage/lib/$jar")
done <"$stage/lib/classpath"
say "merging the CLI's ${#cli_jars[@]} jars into lib/teal-cli-$version.jar"
"$jdk/bin/java" src/main/dist/CliJar.java "$java_release" "$stage/lib/teal-cli-$version.jar" "${cli_jars[@]}" >&2
rm -f "${cli_jars[@]}"
echo "teal-cli-$version.jar" >"$stage/lib/classpath"

# ---- the AOT caches: training runs on the archive's own runtime ----------------------------------------
# The operator's training run: started with the image's flags (operator/jvm.options), against the sandbox,
# until it is ready and has reconciled the demo document for a few seconds; then SIGTERM, as ECS stops a task,
# and the JVM writes the cache as it exits. The cache holds the application's classes (aot-jar), so the JVM
# checks the class path against the training's; it accepts the same jars moved elsewhere (the image's
# /opt/teal/operator, an unpacked archive) when they are named by an absolute path, as everything names them.
# The training names the jar relative to the operator's folder, its working directory: the cache keeps the
# training's paths, and for each class it loads the JVM looks the jar up by that path, which fails once the
# jars have moved and costs every class an exception (JDK-8376576; 8 % of the operator's start here). A
# relative path resolves against the working directory, and the image, teal-sandbox --operator and bench/run
# all run the operator from its folder (from another one, the JVM refuses the cache: docs/operator.md).
# The whole training run is bounded (coreutils timeout): start, ready, the reconciles, and the cache written.
# A TERM, ours or timeout's own, is relayed to the JVM, which then has operator_dump_limit to write the cache
# (about 8 s on a 2-core machine) before it is killed.
operator_training_limit=300s
operator_dump_limit=120s
train_operator() {
  local env_file="$1" port pid
  port=$(free_port)
  (
    set -a && . "$env_file" && set +a
    cd "$stage/operator"
    TEAL_ENDPOINTS_ECS="$AWS_ENDPOINT_URL" TEAL_ENDPOINTS_ELB="$AWS_ENDPOINT_URL" TEAL_ENDPOINTS_STS="$AWS_ENDPOINT_URL" \
      TEAL_ENDPOINTS_APPLICATION_AUTOSCALING="$AWS_ENDPOINT_URL" TEAL_ENDPOINTS_CLOUDWATCH="$AWS_ENDPOINT_URL" \
      TEAL_ENDPOINTS_LAMBDA="$AWS_ENDPOINT_URL" \
      TEAL_ENDPOINTS_DYNAMODB="$AWS_ENDPOINT_URL_DYNAMODB" TEAL_ENDPOINTS_DYNAMODB_STREAMS="$AWS_ENDPOINT_URL_DYNAMODB" \
      TEAL_REGION="$AWS_REGION" TEAL_AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" TEAL_AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
      QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
      exec timeout --kill-after="$operator_dump_limit" "$operator_training_limit" \
        ../runtime/bin/java -XX:AOTCacheOutput=app.aot "@$PWD/jvm.options" -Xmx96m -jar quarkus-run.jar
  ) &
  pid=$!
  # Asked over HTTP, as ECS's health check and bench/run ask: the first request loads Vert.x's and the
  # health check's request path (~300 classes), which the cache holds only if the training made one.
  local ready=false
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || { echo "the operator exited before it was ready"; return 1; }
    if [ "$(http_status "$port" /q/health/ready)" = 200 ]; then
      ready=true
      break
    fi
    sleep 0.2
  done
  if ! $ready; then
    echo "the operator was not ready after 120 s; stopped, no operator cache"
    kill -TERM "$pid" 2>/dev/null || true # relayed by timeout, which kills the JVM if it does not stop
    wait "$pid" 2>/dev/null || true
    rm -f "$stage/operator/app.aot"
    return 1
  fi
  sleep 8 # ready, then the first resync and reconciles of the demo document
  for path in /q/health/live /q/health/ready; do # as the image's health check and a readiness probe ask
    echo "training: GET $path -> $(http_status "$port" "$path")"
  done
  kill -TERM "$pid"
  # timeout relays the TERM to the JVM, which writes the cache as it exits. A JVM that hangs instead (once,
  # a class-initialisation deadlock) is killed by timeout: the build goes on without the operator cache and
  # never waits forever.
  local code=0
  wait "$pid" || code=$?
  if [ "$code" -ge 124 ] && [ "$code" -ne 143 ]; then
    echo "the operator's training run timed out or was killed (exit $code); no operator cache"
    rm -f "$stage/operator/app.aot"
    return 1
  fi
  [ -s "$stage/operator/app.aot" ]
}

# The HTTP status of GET PATH on a loopback PORT, or nothing when nothing answers (bash's /dev/tcp: no curl
# in the build's requirements).
http_status() {
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS=' ' read -r _ line _ <&3 || true
  exec 3<&-
  echo "$line"
}

# A loopback port nothing listens on, below Linux's ephemeral range (32768 and up), where the local end of
# any outgoing connection on the machine could take it before the operator binds it.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}

java="$stage/runtime/bin/java"
cli_cp="$(sed "s|^|$stage/lib/|" "$stage/lib/classpath" | paste -sd:)"
# The CLI's: the same JVM flags as bin/teal, since a cache is used only under the flags it was made with
# (the operator's are in operator/jvm.options). jdk.reflect.useNativeAccessorOnly: Java's default reflection
# spins method-handle classes for each constructor and method on its first call (Jackson building the
# document's records), which no AOT cache holds; the native accessors need none, and their slower calls do
# not show in a command.
cli_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m -Djdk.reflect.useNativeAccessorOnly=true
  -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -Dslf4j.internal.verbosity=WARN)
training_log="$target/dist/aot-training.log"
: >"$training_log"
if $sandbox; then
  env_file="$target/dist/sandbox.env"
  rm -f "$env_file"
  say "starting teal-sandbox from the staged archive for the training runs"
  "$stage/bin/teal-sandbox" --api-port 0 --dynamodb-port 0 --listener-offset auto --env-file "$env_file" \
    >>"$training_log" 2>&1 &
  sandbox_pid=$!
  trap 'kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    [ -s "$env_file" ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { say "teal-sandbox exited; see $training_log"; exit 1; }
    sleep 0.2
  done
  [ -s "$env_file" ] || { say "teal-sandbox did not come up in 120 s; see $training_log"; exit 1; }
  say "training the CLI's AOT cache"
  (set -a && . "$env_file" && "$java" -XX:AOTCacheOutput="$stage/lib/teal.aot" "${cli_flags[@]}" -cp "$cli_cp" \
    dev.teal.cli.AotTraining web) >>"$training_log" 2>&1
  say "training the operator's AOT cache (start, adopt the demo document, stop)"
  train_operator "$env_file" >>"$training_log" 2>&1 || say "operator training failed (no operator cache); see $training_log"
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
  trap - EXIT
else
  say "no sandbox classes (tests not compiled): the CLI's cache is trained on --help only"
  "$java" -XX:AOTCacheOutput="$stage/lib/teal.aot" "${cli_flags[@]}" -cp "$cli_cp" dev.teal.cli.AotTraining \
    >>"$training_log" 2>&1
fi
[ -s "$stage/lib/teal.aot" ] || { say "no AOT cache was written; see $training_log"; exit 1; }
# The help cache: --help, --version and usage errors alone. The JVM loads every class of the cache it maps at
# start (AOT class linking), and teal.aot holds ~6,600, most of them the SDK's, which help never touches;
# bin/teal maps this one instead when the arguments ask for help or the version (docs/cli.md).
say "training the CLI's help cache"
"$java" -XX:AOTCacheOutput="$stage/lib/teal-help.aot" "${cli_flags[@]}" -cp "$cli_cp" dev.teal.cli.AotTraining \
  >>"$training_log" 2>&1
[ -s "$stage/lib/teal-help.aot" ] || { say "no help cache was written; see $training_log"; exit 1; }

# ---- the archives ---------------------------------------------------------------------------------------
cli_archive="$target/teal-cli-$version-linux-x86_64.tar.gz"
say "writing $cli_archive"
tar -C "$target/dist" --transform "s,^teal,$name," -czf "$cli_archive" teal/bin/teal teal/lib teal/runtime
if $sandbox; then
  sandbox_archive="$target/teal-sandbox-$version-linux-x86_64.tar.gz"
  say "writing $sandbox_archive"
  tar -C "$target/dist" --transform "s,^teal,$name," --exclude teal/operator/app.aot.config -czf "$sandbox_archive" teal
fi
