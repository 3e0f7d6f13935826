locals {
  # The host that runs the benchmark, the dashboard and the S3 sync: the GPU host, or the client in mode multi.
  bench_host = var.mode == "multi" ? aws_instance.client[0].public_dns : aws_instance.gpu[0].public_dns
}

output "host" {
  description = "Public DNS name of the host that runs the benchmark (the GPU host; the client host in mode multi)"
  value       = local.bench_host
}

output "gpu_hosts" {
  description = "Public DNS names of the GPU hosts"
  value       = aws_instance.gpu[*].public_dns
}

output "ssh" {
  description = "SSH command for the benchmark host (add -i with your key pair's private key)"
  value       = "ssh ubuntu@${local.bench_host}"
}

output "watch" {
  description = "Follow the host's set-up log (then the matrix: journalctl -fu enginebench-matrix); run it with eval"
  value       = "ssh ubuntu@${local.bench_host} tail -n 50 -F /var/log/enginebench-setup.log"
}

output "dashboard_tunnel" {
  description = "SSH tunnel to the dashboard (bench serve binds 127.0.0.1 on the host); then open http://127.0.0.1:3000"
  value       = "ssh -N -L 3000:127.0.0.1:3000 ubuntu@${local.bench_host}"
}

output "bucket" {
  description = "S3 bucket that receives raw-results/ every five minutes"
  value       = aws_s3_bucket.results.bucket
}

output "ingest" {
  description = "Fetch and ingest the synced runs on your machine (under spark-submit with hadoop-aws, bench ingest reads s3a://BUCKET/raw-results directly: deploy/spark/README.md)"
  value       = "aws s3 sync s3://${aws_s3_bucket.results.bucket}/raw-results raw-results && scripts/bench ingest raw-results"
}

output "engine_urls" {
  description = "The engines' URLs inside the VPC (mode multi: base_url of a matrix config or bench run --base-url on the client host)"
  value       = [for i, h in aws_instance.gpu : "http://${var.mode == "multi" ? h.private_ip : "127.0.0.1"}:${local.engine_ports[var.engine_profiles[i]]}"]
}
