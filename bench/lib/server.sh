# Shared by the bench scripts that drive a real `faceaccord serve` (load/run.sh, soak/run.sh); source it.
# The caller sets FA (the faceaccord command, an array), work (a temporary folder) and RESULTS, and traps EXIT with
# server_cleanup; server_start sets url and server.

server=
url=

# A free loopback port: one nothing answers on (a small race with other programs is accepted).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "error: no free loopback port found" >&2
  return 1
}

# The API key of a new tenant on the store in $1 (commercial, US).
tenant_key() {
  local tenant key
  tenant=$("${FA[@]}" tenants create --name bench --sector commercial --country US --data "$1" --json | tail -n 1)
  key=$(sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' <<< "$tenant")
  if [[ -z "$key" ]]; then
    echo "error: 'faceaccord tenants create --json' printed no apiKey: $tenant" >&2
    return 1
  fi
  echo "$key"
}

# server_start DATA MODELS READY_TIMEOUT: serve the store in DATA on a free port, logging to $work/server.log, and
# wait until /readyz answers 200.
server_start() {
  local data=$1 models=$2 timeout=$3 port waited
  port=$(free_port)
  url=http://127.0.0.1:$port
  echo "== serve at $url (load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
  "${FA[@]}" serve --urls "$url" --data "$data" --models "$models" > "$work/server.log" 2>&1 &
  server=$!
  for (( waited = 0; ; waited++ )); do
    if curl -fsS -o /dev/null "$url/readyz" 2>/dev/null; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then
      echo "error: the server exited before it was ready; its log:" >&2
      tail -n 20 "$work/server.log" >&2
      return 1
    fi
    if (( waited >= timeout )); then
      echo "error: $url/readyz did not answer 200 within $timeout s; the server's log:" >&2
      tail -n 20 "$work/server.log" >&2
      return 1
    fi
    sleep 1
  done
  echo "   ready after ~${waited} s"
}

# Stops the server (SIGTERM, then SIGKILL after 15 s); harmless when none runs.
server_stop() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=
}

# The EXIT trap: stop the server whatever happened, keep its log in $RESULTS, remove $work.
server_cleanup() {
  server_stop
  if [[ -f "$work/server.log" ]]; then mkdir -p "$RESULTS" && cp "$work/server.log" "$RESULTS/server.log"; fi
  rm -rf "$work"
}
