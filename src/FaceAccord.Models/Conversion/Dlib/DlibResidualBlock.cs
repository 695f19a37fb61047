namespace FaceAccord.Models.Conversion.Dlib;

/// <summary>
/// One residual block of the dlib ResNet as face-api names it: two 3×3 conv layers with <paramref name="Channels"/>
/// outputs; a down block starts with a stride-2 valid conv and shortcuts through a 2×2 average pool.
/// </summary>
internal sealed record DlibResidualBlock(string Name, int InChannels, int Channels, bool Down)
{
    /// <summary>The blocks in forward order, exactly as face-api's FaceRecognitionNet.forwardInput chains them.</summary>
    public static IReadOnlyList<DlibResidualBlock> All { get; } =
    [
        new("conv32_1", 32, 32, false),
        new("conv32_2", 32, 32, false),
        new("conv32_3", 32, 32, false),
        new("conv64_down", 32, 64, true),
        new("conv64_1", 64, 64, false),
        new("conv64_2", 64, 64, false),
        new("conv64_3", 64, 64, false),
        new("conv128_down", 64, 128, true),
        new("conv128_1", 128, 128, false),
        new("conv128_2", 128, 128, false),
        new("conv256_down", 128, 256, true),
        new("conv256_1", 256, 256, false),
        new("conv256_2", 256, 256, false),
        new("conv256_down_out", 256, 256, true),
    ];
}
