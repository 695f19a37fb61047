namespace FaceAccord.Models.Runtime;

/// <summary>How models are run: provider, threads and batch size; one instance per process is typical.</summary>
public sealed record InferenceOptions
{
    public ExecutionProvider Provider { get; init; } = ExecutionProvider.Auto;

    /// <summary>Threads inside one operator (0 lets ONNX Runtime choose: one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Faces embedded per ONNX run; bigger batches amortise per-run overhead.</summary>
    public int MaxBatchSize { get; init; } = 16;

    public static InferenceOptions Default { get; } = new();
}
