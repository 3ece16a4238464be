/**
 * OpenAI-compatible servers started in containers with Testcontainers, so the kit can run
 * against a real Ollama or vLLM without installing either.
 *
 * <p>Public: {@link dev.providers.conformance.containers.ContainerKind},
 * {@link dev.providers.conformance.containers.ContainerSpec} (the {@code ollama[:IMAGE]} /
 * {@code vllm[:IMAGE]} syntax), {@link dev.providers.conformance.containers.DockerCheck} and
 * {@link dev.providers.conformance.containers.ContainerTarget}; everything else is an
 * implementation detail.
 *
 * <p>A started target writes one provider file into a fresh temporary directory: the built-in
 * catalog entry of that server (so its compat flags are reused, not repeated here) with
 * {@code baseUrl} pointing at the container and {@code models} reduced to the model under test.
 * Hand {@link dev.providers.conformance.containers.ContainerTarget#providersDir()} to the
 * engine or the suite like any providers directory.
 *
 * <p>Servers:
 * <ul>
 *   <li><b>Ollama</b> ({@code ollama/ollama:latest}): the model is pulled with
 *       {@code ollama pull} once the server answers. The server runs with
 *       {@code OLLAMA_CONTEXT_LENGTH=4096}, and the provider file declares that window, so
 *       {@code contextPrecheck} and the overflow scenarios see the context the server really
 *       loads. Images older than that variable (early 2025) load 2048 tokens instead.</li>
 *   <li><b>vLLM</b> ({@code vllm/vllm-openai:latest}): started as
 *       {@code vllm serve MODEL --host 0.0.0.0 --port 8000}; the model is downloaded from
 *       Hugging Face during startup ({@code HF_TOKEN} is passed through for gated models), and
 *       readiness is {@code GET /health}. The default image is a CUDA build and needs an NVIDIA
 *       GPU: GPUs are requested when the Docker engine has an {@code nvidia} runtime. To run
 *       without a GPU, pass a CPU build of vLLM as the image ({@code vllm:IMAGE}); CPU builds
 *       select their device themselves, so no {@code --device cpu} flag is passed. Any image
 *       must provide the {@code vllm} command (vLLM 0.5 or later).</li>
 * </ul>
 *
 * <p>Without a Docker engine nothing starts: {@link
 * dev.providers.conformance.containers.DockerCheck#availability()} says why in one line, and
 * {@link dev.providers.conformance.containers.ContainerTarget#start} fails with that reason.
 */
@NullMarked
package dev.providers.conformance.containers;

import org.jspecify.annotations.NullMarked;
