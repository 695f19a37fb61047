using FaceAccord.Core;
using Microsoft.ML.OnnxRuntime;

namespace FaceAccord.Models.Runtime;

/// <summary>
/// One ONNX Runtime session for one model file, created once per process and shared by every caller
/// (sessions are thread-safe for Run). Knows which provider it actually got.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;

    private ModelSession(InferenceSession session, string path, string provider)
    {
        _session = session;
        Path = path;
        Provider = provider;
        InputName = session.InputNames[0];
        OutputNames = [.. session.OutputNames];
    }

    public string Path { get; }

    /// <summary>"CUDA" or "CPU": the provider this session really runs on.</summary>
    public string Provider { get; }

    public string InputName { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Opens a model file with the requested provider; Auto falls back to the CPU quietly.</summary>
    public static ModelSession Open(string path, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw FaceAccordException.Environment("model-missing", $"The model file {path} is missing; run 'faceaccord models install'.");
        }

        if (options.Provider != ExecutionProvider.Cpu)
        {
            try
            {
                using var gpuOptions = CreateOptions(options);
                gpuOptions.AppendExecutionProvider_CUDA(0);
                return new ModelSession(new InferenceSession(path, gpuOptions), path, "CUDA");
            }
            catch (Exception e) when (options.Provider == ExecutionProvider.Auto && e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                // No CUDA runtime or GPU here: the CPU is the documented fallback for Auto.
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                throw FaceAccordException.Environment("cuda-unavailable", $"CUDA was required but cannot be used: {e.Message}", e);
            }
        }

        using var cpuOptions = CreateOptions(options);
        try
        {
            return new ModelSession(new InferenceSession(path, cpuOptions), path, "CPU");
        }
        catch (OnnxRuntimeException e)
        {
            throw FaceAccordException.Environment("model-invalid", $"ONNX Runtime cannot load {path}: {e.Message}", e);
        }
    }

    /// <summary>Runs the model on one input tensor and returns all outputs (caller disposes them).</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(OrtValue input)
    {
        using var runOptions = new RunOptions();
        return _session.Run(runOptions, [InputName], [input], OutputNames.ToArray());
    }

    public void Dispose() => _session.Dispose();

    private static SessionOptions CreateOptions(InferenceOptions options)
    {
        var o = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            InterOpNumThreads = 1,
        };
        if (options.IntraOpThreads > 0)
        {
            o.IntraOpNumThreads = options.IntraOpThreads;
        }

        return o;
    }
}
