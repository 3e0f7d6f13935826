# GPU host(s) for EngineBench on AWS: deploy/cloud.md explains the modes, the costs and what to do when it fails.

locals {
  gpu_hosts    = var.mode == "multi" ? 2 : 1
  client_hosts = var.mode == "multi" ? 1 : 0
  ami_id       = var.ami_id != "" ? var.ami_id : data.aws_ami.gpu[0].id
  bucket       = var.bucket_name != "" ? var.bucket_name : "${var.name}-raw-results-${random_id.bucket.hex}"
  # The port each compose profile's engine listens on (deploy/docker-compose.yml).
  engine_ports = { for p in var.engine_profiles : p => startswith(p, "sglang") ? 30000 : 8000 }
  # In single and spot the benchmark runs beside the engine, which binds loopback; in multi the client host reaches
  # the engines over the VPC (the security group admits only its own members on the engine ports).
  engine_bind = var.mode == "multi" ? "private" : "127.0.0.1"
  common_env = {
    REGION           = var.region
    MODEL            = var.model
    ENGINEBENCH_REPO = var.enginebench_repo
    ENGINEBENCH_REF  = var.enginebench_ref
    MATRIX_CONFIG    = var.matrix_config
    BUCKET           = local.bucket
    HF_TOKEN_PARAM   = aws_ssm_parameter.hf_token.name
  }
}

data "aws_ami" "gpu" {
  count       = var.ami_id == "" ? 1 : 0
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) *"]
  }
  filter {
    name   = "architecture"
    values = ["x86_64"]
  }
}

resource "random_id" "bucket" {
  byte_length = 4
}

# --- results bucket -------------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "results" {
  bucket        = local.bucket
  force_destroy = false # terraform destroy keeps results: empty the bucket yourself when you no longer need them
}

resource "aws_s3_bucket_public_access_block" "results" {
  bucket                  = aws_s3_bucket.results.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# --- Hugging Face token: SSM SecureString, read by the hosts at boot (never in user data) ---------------------------

resource "aws_ssm_parameter" "hf_token" {
  name  = "/${var.name}/hf_token"
  type  = "SecureString"
  value = var.hf_token
}

# --- instance role: read the token, write the bucket ----------------------------------------------------------------

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "host" {
  statement {
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.hf_token.arn]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.results.arn]
  }
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.results.arn}/*"]
  }
}

resource "aws_iam_role" "host" {
  name               = "${var.name}-host"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "host" {
  name   = "${var.name}-host"
  role   = aws_iam_role.host.id
  policy = data.aws_iam_policy_document.host.json
}

resource "aws_iam_instance_profile" "host" {
  name = "${var.name}-host"
  role = aws_iam_role.host.name
}

# --- network: SSH from your address only; engine ports only between the deployment's own hosts --------------------

resource "aws_security_group" "bench" {
  name        = "${var.name}-bench"
  description = "EngineBench: SSH from your_ip_cidr, engine ports between members"

  ingress {
    description = "SSH from the operator"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.your_ip_cidr]
  }

  ingress {
    description = "engine ports (vLLM 8000, SGLang 30000) between the deployment's hosts (mode multi)"
    from_port   = 8000
    to_port     = 30000
    protocol    = "tcp"
    self        = true
  }

  egress {
    description = "images, models, packages, S3"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# --- hosts ------------------------------------------------------------------------------------------------------------

data "cloudinit_config" "gpu" {
  count         = local.gpu_hosts
  gzip          = false
  base64_encode = false

  part {
    content_type = "text/cloud-config"
    content = join("\n", ["#cloud-config", yamlencode({
      write_files = [{
        path        = "/etc/enginebench/cloud.env"
        permissions = "0644"
        content = join("", [for k, v in merge(local.common_env, {
          ROLE           = "gpu"
          ENGINE_PROFILE = var.engine_profiles[count.index]
          ENGINE_BIND    = local.engine_bind
          RUN_BENCH      = var.mode == "multi" ? "0" : "1"
        }) : format("%s=%q\n", k, v)])
      }]
    })])
  }

  part {
    content_type = "text/x-shellscript"
    content      = file("${path.module}/cloud-init.sh")
  }
}

resource "aws_instance" "gpu" {
  count                  = local.gpu_hosts
  ami                    = local.ami_id
  instance_type          = var.instance_type
  key_name               = var.key_name
  vpc_security_group_ids = [aws_security_group.bench.id]
  iam_instance_profile   = aws_iam_instance_profile.host.name
  user_data              = data.cloudinit_config.gpu[count.index].rendered

  root_block_device {
    volume_size = var.disk_gb
    volume_type = "gp3"
  }

  metadata_options {
    http_tokens = "required"
  }

  dynamic "instance_market_options" {
    for_each = var.mode == "spot" ? [1] : []
    content {
      market_type = "spot"
      spot_options {
        max_price                      = var.spot_max_price != "" ? var.spot_max_price : null
        instance_interruption_behavior = "stop"
        spot_instance_type             = "persistent"
      }
    }
  }

  tags = {
    Name = "${var.name}-gpu-${count.index}"
  }
}

data "cloudinit_config" "client" {
  count         = local.client_hosts
  gzip          = false
  base64_encode = false

  part {
    content_type = "text/cloud-config"
    content = join("\n", ["#cloud-config", yamlencode({
      write_files = [{
        path        = "/etc/enginebench/cloud.env"
        permissions = "0644"
        content = join("", [for k, v in merge(local.common_env, {
          ROLE        = "client"
          RUN_BENCH   = "1"
          ENGINE_URLS = join(",", [for i, h in aws_instance.gpu : "http://${h.private_ip}:${local.engine_ports[var.engine_profiles[i]]}"])
        }) : format("%s=%q\n", k, v)])
      }]
    })])
  }

  part {
    content_type = "text/x-shellscript"
    content      = file("${path.module}/cloud-init.sh")
  }
}

resource "aws_instance" "client" {
  count                  = local.client_hosts
  ami                    = local.ami_id
  instance_type          = var.client_instance_type
  key_name               = var.key_name
  vpc_security_group_ids = [aws_security_group.bench.id]
  iam_instance_profile   = aws_iam_instance_profile.host.name
  user_data              = data.cloudinit_config.client[count.index].rendered

  root_block_device {
    volume_size = 50
    volume_type = "gp3"
  }

  metadata_options {
    http_tokens = "required"
  }

  tags = {
    Name = "${var.name}-client"
  }
}
