# Base of the GPU image (`mvn -Pimage,cuda package`): NVIDIA's CUDA 11.6 runtime with cuDNN 8, which ND4J's
# CUDA 11.6 build needs, plus a JRE 17 (Jib adds layers only, it cannot install one). Build and push it once:
#   docker build -f deploy/base-images/gpu.Dockerfile -t REGISTRY/hyperrep-gpu-base:cuda11.6.2-cudnn8-jre17 deploy/base-images
#   mvn -Pimage,cuda package -Dimage.base=REGISTRY/hyperrep-gpu-base:cuda11.6.2-cudnn8-jre17
FROM nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
