# Every variable has a description (CloudDeployTest checks it); secrets have no default and are sensitive.

variable "mode" {
  description = "single: one on-demand GPU host that runs engine and benchmark; multi: two GPU hosts (one engine each) plus a client host that drives them; spot: like single, on a spot instance"
  type        = string
  default     = "single"
  validation {
    condition     = contains(["single", "multi", "spot"], var.mode)
    error_message = "mode must be single, multi or spot."
  }
}

variable "name" {
  description = "Prefix of every resource name and tag (several deployments in one account need different names)"
  type        = string
  default     = "enginebench"
}

variable "region" {
  description = "AWS region; the GPU instance type must be offered there"
  type        = string
  default     = "us-east-1"
}

variable "instance_type" {
  description = "GPU instance type of the engine host(s); g6.xlarge has one NVIDIA L4 (24 GB), g5.xlarge one A10G (24 GB)"
  type        = string
  default     = "g6.xlarge"
}

variable "client_instance_type" {
  description = "Instance type of the client host in mode multi (CPU only: it runs the load generator)"
  type        = string
  default     = "c7i.2xlarge"
}

variable "disk_gb" {
  description = "Root volume size in GB of each GPU host: engine images (~20 GB) plus the model cache"
  type        = number
  default     = 200
}

variable "ami_id" {
  description = "AMI of every host; empty: the newest AWS Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04) of the region"
  type        = string
  default     = ""
}

variable "your_ip_cidr" {
  description = "The only address range the security group admits (SSH), e.g. 203.0.113.7/32: curl -s https://checkip.amazonaws.com"
  type        = string
  validation {
    condition     = can(cidrhost(var.your_ip_cidr, 0))
    error_message = "your_ip_cidr must be a CIDR block such as 203.0.113.7/32."
  }
}

variable "key_name" {
  description = "Name of an existing EC2 key pair in the region, for SSH as ubuntu"
  type        = string
}

variable "hf_token" {
  description = "Hugging Face token for gated models; stored as an SSM SecureString that only the hosts' role can read. Pass it as TF_VAR_hf_token, never in a file"
  type        = string
  sensitive   = true
}

variable "engine_profiles" {
  description = "Compose profiles of deploy/docker-compose.yml to start: the first on the GPU host (single, spot), one per GPU host (multi: two)"
  type        = list(string)
  default     = ["vllm", "sglang"]
}

variable "model" {
  description = "Hugging Face model the engines serve (the compose file's MODEL)"
  type        = string
  default     = "meta-llama/Llama-3.1-8B-Instruct"
}

variable "enginebench_repo" {
  description = "Git URL the hosts clone EngineBench from"
  type        = string
}

variable "enginebench_ref" {
  description = "Branch, tag or commit of EngineBench to check out"
  type        = string
  default     = "main"
}

variable "matrix_config" {
  description = "Path inside the checkout of a bench matrix config to run unattended (systemd) once the host is up; empty: run nothing"
  type        = string
  default     = ""
}

variable "bucket_name" {
  description = "S3 bucket that raw-results/ is synced to; empty: a new bucket named after var.name"
  type        = string
  default     = ""
}

variable "spot_max_price" {
  description = "Highest hourly price for the spot instance in USD (mode spot); empty: up to the on-demand price"
  type        = string
  default     = ""
}
