namespace FaceAccord.Models.Runtime;

/// <summary>Where ONNX models run: the GPU when one is usable (auto), or a forced choice.</summary>
public enum ExecutionProvider
{
    /// <summary>CUDA when the runtime and a GPU are present, otherwise the CPU.</summary>
    Auto,
    Cpu,
    /// <summary>CUDA or an error: for deployments that must not silently fall back to the CPU.</summary>
    Cuda,
}
