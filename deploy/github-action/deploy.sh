#!/usr/bin/env bash
# The teal GitHub Action's script (action.yml runs it; docs/ci.md shows it in GitLab CI too): install the
# teal CLI from its release archive, then `teal set-image` and `teal status --watch`. Every input comes from
# the environment, so any CI can run it:
#
#   INPUT_NAME, INPUT_IMAGE     the document and the image (required)
#   INPUT_PROMOTE               true (default): set-image --promote; false: stop at Previewing
#   INPUT_TIMEOUT               status --watch --timeout (default 30m)
#   INPUT_TABLE                 the table (default $TEAL_TABLE, else teal-deployments)
#   INPUT_VERSION               the release to install (default: TEAL_ACTION_REF without its leading v)
#   INPUT_ARCHIVE_URL           the archive's URL instead of the release's (file:// works)
#   TEAL_ACTION_REPOSITORY      owner/name whose releases hold the archive (GitHub sets it for the action)
#
# AWS credentials, region and endpoints come from the usual AWS environment (aws-actions/configure-aws-
# credentials sets them). Outputs go to $GITHUB_OUTPUT when it is set: result (reached, degraded, timeout),
# exit-code, teal. The exit code is status --watch's: 0 reached, 7 Degraded/Failed, 8 timed out.
set -euo pipefail

name="${INPUT_NAME:?INPUT_NAME (the deployment) is required}"
image="${INPUT_IMAGE:?INPUT_IMAGE is required}"
promote="${INPUT_PROMOTE:-true}"
timeout="${INPUT_TIMEOUT:-30m}"
output="${GITHUB_OUTPUT:-/dev/null}"

# ---- install the CLI ----
url="${INPUT_ARCHIVE_URL:-}"
if [ -z "$url" ]; then
  version="${INPUT_VERSION:-${TEAL_ACTION_REF:-}}"
  version="${version#v}"
  repository="${TEAL_ACTION_REPOSITORY:-}"
  if [ -z "$version" ] || [ -z "$repository" ]; then
    echo "teal: say which release to install (version, or archive-url)" >&2
    exit 2
  fi
  url="https://github.com/$repository/releases/download/v$version/teal-cli-$version-linux-x86_64.tar.gz"
fi
home="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/teal-cli"
rm -rf "$home"
mkdir -p "$home"
echo "teal: installing $url" >&2
curl --fail --silent --show-error --location "$url" | tar -xz -C "$home" --strip-components=1
teal="$home/bin/teal"
"$teal" --version >&2
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$home/bin" >>"$GITHUB_PATH"
fi
echo "teal=$teal" >>"$output"

# ---- deploy ----
if [ -n "${INPUT_TABLE:-}" ]; then
  export TEAL_TABLE="$INPUT_TABLE"
fi
set_image=(set-image "$name" "$image")
if [ "$promote" = "true" ]; then
  set_image+=(--promote)
fi
"$teal" "${set_image[@]}"
code=0
"$teal" status "$name" --watch --timeout "$timeout" || code=$?
case "$code" in
  0) result=reached ;;
  7) result=degraded ;;
  8) result=timeout ;;
  *) result=error ;;
esac
echo "result=$result" >>"$output"
echo "exit-code=$code" >>"$output"
exit "$code"
