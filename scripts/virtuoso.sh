#!/usr/bin/env bash
# Run a throw-away Virtuoso (Debian package virtuoso-opensource) in the foreground
# on 127.0.0.1, with its database in a temporary folder.
#
#   scripts/virtuoso.sh [DATA_DIR] [HTTP_PORT] [SQL_PORT]
#
# DATA_DIR defaults to a new temporary folder; ports default to free ones. The
# first line printed is the HTTP base URL. Endpoints:
#   http://127.0.0.1:HTTP_PORT/sparql                   anonymous SPARQL queries
#   http://127.0.0.1:HTTP_PORT/sparql-graph-crud-auth   Graph Store protocol, Digest auth dba/dba
# Try: sscgraph push --endpoint http://127.0.0.1:HTTP_PORT/sparql-graph-crud-auth --user dba --password dba
set -euo pipefail

VIRTUOSO=${VIRTUOSO:-$(command -v virtuoso-t || true)}
if [ -z "$VIRTUOSO" ]; then
  echo "virtuoso-t not found; install it with: apt-get install virtuoso-opensource" >&2
  exit 2
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

DATA_DIR=${1:-$(mktemp -d -t sscgraph-virtuoso.XXXXXX)}
HTTP_PORT=${2:-$(free_port)}
SQL_PORT=${3:-$(free_port)}
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)

VSP=/var/lib/virtuoso-opensource-7/vsp
[ -d "$VSP" ] || VSP="$DATA_DIR"
PLUGINS=/usr/lib/x86_64-linux-gnu/virtuoso-opensource-7/hosting

cat > "$DATA_DIR/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $DATA_DIR/virtuoso.db
ErrorLogFile       = $DATA_DIR/virtuoso.log
LockFile           = $DATA_DIR/virtuoso.lck
TransactionFile    = $DATA_DIR/virtuoso.trx
xa_persistent_file = $DATA_DIR/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $DATA_DIR/virtuoso-temp.db
TransactionFile    = $DATA_DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$SQL_PORT
DisableUnixSocket        = 1
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = .
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4

[HTTPServer]
ServerPort                  = 127.0.0.1:$HTTP_PORT
ServerRoot                  = $VSP
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
Charset                     = UTF-8

[SPARQL]
ResultSetMaxRows           = 100000
MaxQueryExecutionTime      = 60
MaxQueryCostEstimationTime = 400

[Plugins]
LoadPath = $PLUGINS
INI

echo "http://127.0.0.1:$HTTP_PORT"
echo "data: $DATA_DIR  sql port: $SQL_PORT" >&2
cd "$DATA_DIR"
exec "$VIRTUOSO" +foreground +configfile "$DATA_DIR/virtuoso.ini"
