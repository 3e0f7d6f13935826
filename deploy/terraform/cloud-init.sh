#!/usr/bin/env bash
# EngineBench host set-up, run once by cloud-init as root (deploy/terraform). Settings come from
# /etc/enginebench/cloud.env, written by the same cloud-init; the Hugging Face token is read from SSM, never from here.
# Every step logs to /var/log/enginebench-setup.log; a failed step stops the set-up with its name in the log.
set -euo pipefail
exec > >(tee -a /var/log/enginebench-setup.log) 2>&1

# shellcheck source=/dev/null
source /etc/enginebench/cloud.env
: "${ROLE:?}" "${REGION:?}" "${BUCKET:?}" "${ENGINEBENCH_REPO:?}" "${ENGINEBENCH_REF:?}" "${HF_TOKEN_PARAM:?}"

USER_NAME=ubuntu
HOME_DIR=/home/$USER_NAME
CHECKOUT=$HOME_DIR/enginebench
export DEBIAN_FRONTEND=noninteractive

step() { echo "=== enginebench: $* ($(date -u +%H:%M:%S))"; }
trap 'echo "=== enginebench: FAILED at line $LINENO; see above"' ERR

install_packages() {
  step "packages"
  apt-get update -qq
  apt-get install -y -qq git curl unzip tmux openjdk-17-jdk-headless maven >/dev/null
  if ! command -v aws >/dev/null; then
    curl -fsSL "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip" -o /tmp/awscli.zip
    unzip -q /tmp/awscli.zip -d /tmp && /tmp/aws/install
  fi
}

install_docker() {
  step "docker and the NVIDIA container toolkit"
  if ! command -v docker >/dev/null; then
    apt-get install -y -qq docker.io docker-compose-v2 >/dev/null
  fi
  if ! command -v nvidia-ctk >/dev/null; then
    curl -fsSL https://nvidia.github.io/libnvidia-container/gpgkey \
      | gpg --dearmor -o /usr/share/keyrings/nvidia-container-toolkit-keyring.gpg
    curl -fsSL https://nvidia.github.io/libnvidia-container/stable/deb/nvidia-container-toolkit.list \
      | sed 's#deb https://#deb [signed-by=/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg] https://#' \
      > /etc/apt/sources.list.d/nvidia-container-toolkit.list
    apt-get update -qq
    apt-get install -y -qq nvidia-container-toolkit >/dev/null
  fi
  nvidia-ctk runtime configure --runtime=docker
  systemctl restart docker
  usermod -aG docker "$USER_NAME"
}

check_gpu() {
  step "GPU check"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  docker run --rm --gpus all ubuntu:22.04 nvidia-smi -L
}

install_enginebench() {
  step "EngineBench $ENGINEBENCH_REF"
  if [[ ! -d $CHECKOUT/.git ]]; then
    sudo -u "$USER_NAME" git clone --quiet "$ENGINEBENCH_REPO" "$CHECKOUT"
  fi
  sudo -u "$USER_NAME" git -C "$CHECKOUT" checkout --quiet "$ENGINEBENCH_REF"
  sudo -u "$USER_NAME" "$CHECKOUT/scripts/bench" --help >/dev/null   # builds it once
}

install_token_wrapper() {
  # Runs a command with HF_TOKEN read from SSM: the token lives only in that process's environment (and the engine
  # container's), never in a file on the host.
  cat > /usr/local/bin/enginebench-with-token <<WRAPPER
#!/usr/bin/env bash
set -euo pipefail
HF_TOKEN=\$(/usr/local/bin/aws ssm get-parameter --region "$REGION" --name "$HF_TOKEN_PARAM" --with-decryption \\
  --query Parameter.Value --output text)
export HF_TOKEN
exec "\$@"
WRAPPER
  chmod 755 /usr/local/bin/enginebench-with-token
}

start_engine() {
  step "engine: compose profile $ENGINE_PROFILE"
  local bind=$ENGINE_BIND
  if [[ $bind == private ]]; then
    bind=$(hostname -I | awk '{print $1}')
  fi
  MODEL=$MODEL ENGINE_BIND=$bind enginebench-with-token \
    docker compose -f "$CHECKOUT/deploy/docker-compose.yml" --profile "$ENGINE_PROFILE" up -d
}

install_units() {
  step "services: dashboard, S3 sync${MATRIX_CONFIG:+, matrix $MATRIX_CONFIG}"
  cat > /etc/systemd/system/enginebench-dashboard.service <<UNIT
[Unit]
Description=EngineBench dashboard (127.0.0.1:3000, reach it through an SSH tunnel)
After=network-online.target

[Service]
User=$USER_NAME
WorkingDirectory=$CHECKOUT
ExecStart=$CHECKOUT/scripts/bench serve --port 3000 --bind 127.0.0.1
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT

  cat > /etc/systemd/system/enginebench-sync.service <<UNIT
[Unit]
Description=Copy EngineBench raw-results/ to s3://$BUCKET/raw-results

[Service]
Type=oneshot
User=$USER_NAME
ExecStart=/usr/local/bin/aws s3 sync --region $REGION --exclude "*.lock" $CHECKOUT/raw-results s3://$BUCKET/raw-results
UNIT

  cat > /etc/systemd/system/enginebench-sync.timer <<UNIT
[Unit]
Description=Copy EngineBench raw-results/ to S3 every five minutes

[Timer]
OnBootSec=5min
OnUnitActiveSec=5min

[Install]
WantedBy=timers.target
UNIT

  if [[ -n ${MATRIX_CONFIG:-} ]]; then
    # --resume: after a reboot or a spot stop/start the matrix goes on where it was.
    cat > /etc/systemd/system/enginebench-matrix.service <<UNIT
[Unit]
Description=EngineBench matrix $MATRIX_CONFIG (unattended)
After=docker.service network-online.target

[Service]
Type=oneshot
User=$USER_NAME
WorkingDirectory=$CHECKOUT
ExecStart=/usr/local/bin/enginebench-with-token $CHECKOUT/scripts/bench matrix --config $MATRIX_CONFIG --resume
ExecStopPost=/bin/systemctl start enginebench-sync.service

[Install]
WantedBy=multi-user.target
UNIT
  fi

  systemctl daemon-reload
  systemctl enable --now enginebench-dashboard.service enginebench-sync.timer
  if [[ -n ${MATRIX_CONFIG:-} ]]; then
    systemctl enable enginebench-matrix.service
    systemctl start --no-block enginebench-matrix.service
  fi
}

install_packages
if [[ $ROLE == gpu ]]; then
  install_docker
  check_gpu
fi
install_enginebench
install_token_wrapper
# A matrix starts and stops its own engines (one at a time): start one here only when no matrix will run on this host.
if [[ $ROLE == gpu && ( $RUN_BENCH != 1 || -z ${MATRIX_CONFIG:-} ) ]]; then
  start_engine
fi
if [[ $RUN_BENCH == 1 ]]; then
  install_units
fi
step "ready"
