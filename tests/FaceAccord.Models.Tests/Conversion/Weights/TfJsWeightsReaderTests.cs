using System.Buffers.Binary;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.Weights;

namespace FaceAccord.Models.Tests.Conversion.Weights;

public sealed class TfJsWeightsReaderTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Raw_float32_and_int32_are_packed_back_to_back_across_shards()
    {
        // a: float32 [2,2], b: int32 [3]; 28 bytes split 10/18 so both a value and a weight straddle the cut.
        var all = new byte[28];
        float[] a = [1.5f, -2.25f, 3e-7f, float.MaxValue];
        int[] b = [7, -1, int.MinValue];
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(all.AsSpan(i * 4), a[i]);
        }

        for (int i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(all.AsSpan(16 + (i * 4)), b[i]);
        }

        _folder.WriteShard("g1-shard1of2.bin", all[..10]);
        _folder.WriteShard("g1-shard2of2.bin", all[10..]);
        var weights = TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["g1-shard1of2.bin","g1-shard2of2.bin"],"weights":[
              {"name":"a","shape":[2,2],"dtype":"float32"},
              {"name":"b","shape":[3],"dtype":"int32"}]}]
            """), _folder.Path);

        Assert.Equal(2, weights.Count);
        Assert.Equal(TfJsDataType.Float32, weights["a"].DataType);
        Assert.Equal([2, 2], weights["a"].Shape);
        Assert.Equal(a, weights["a"].Floats);
        Assert.Null(weights["a"].Ints);
        Assert.Equal(TfJsDataType.Int32, weights["b"].DataType);
        Assert.Equal(b, weights["b"].Ints);
        Assert.Null(weights["b"].Floats);
    }

    [Fact]
    public void Uint8_quantised_floats_are_q_times_scale_plus_min()
    {
        _folder.WriteShard("w.bin", [0, 1, 128, 255]);
        var w = TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"q","shape":[4],"dtype":"float32",
              "quantization":{"dtype":"uint8","scale":0.0005260649557207145,"min":-0.07101876902229645}}]}]
            """), _folder.Path)["q"];

        const double scale = 0.0005260649557207145, min = -0.07101876902229645;
        Assert.Equal([(float)min, (float)(scale + min), (float)((128 * scale) + min), (float)((255 * scale) + min)], w.Floats!);
    }

    [Fact]
    public void Uint16_quantised_floats_read_little_endian_pairs()
    {
        _folder.WriteShard("w.bin", [0x01, 0x00, 0x34, 0x12, 0xFF, 0xFF]);
        var w = TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"q","shape":[1,3],"dtype":"float32",
              "quantization":{"dtype":"uint16","scale":0.25,"min":-10}}]}]
            """), _folder.Path)["q"];

        Assert.Equal([-9.75f, (0x1234 * 0.25f) - 10, (65535 * 0.25f) - 10], w.Floats!);
    }

    [Fact]
    public void Float16_quantised_floats_decode_as_ieee_halves_including_subnormals()
    {
        ushort[] halves = [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000, 0x7C00];
        var bytes = new byte[halves.Length * 2];
        for (int i = 0; i < halves.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), halves[i]);
        }

        _folder.WriteShard("w.bin", bytes);
        var w = TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"h","shape":[7],"dtype":"float32",
              "quantization":{"dtype":"float16","original_dtype":"float32"}}]}]
            """), _folder.Path)["h"];

        Assert.Equal([1f, -2f, 0.5f, 65504f, 5.9604645e-8f, -0f, float.PositiveInfinity], w.Floats!);
        Assert.True(float.IsNegative(w.Floats![5]));
    }

    [Fact]
    public void Uint8_quantised_int32_rounds_halves_up_like_javascript()
    {
        _folder.WriteShard("w.bin", [0, 1, 2, 3]);
        var w = TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"i","shape":[4],"dtype":"int32",
              "quantization":{"dtype":"uint8","scale":0.5,"min":-0.5,"original_dtype":"int32"}}]}]
            """), _folder.Path)["i"];

        // -0.5, 0, 0.5, 1 → Math.round → -0, 0, 1, 1
        Assert.Equal([0, 0, 1, 1], w.Ints!);
    }

    [Fact]
    public void Bool_weights_take_one_byte_each_and_groups_are_independent()
    {
        _folder.WriteShard("a.bin", [1, 0, 7]);
        _folder.WriteShard("b.bin", BitConverter.GetBytes(42f));
        var weights = TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["a.bin"],"weights":[{"name":"flags","shape":[3],"dtype":"bool"}]},
             {"paths":["b.bin"],"weights":[{"name":"x","shape":[],"dtype":"float32"}]}]
            """), _folder.Path);

        Assert.Equal(TfJsDataType.Bool, weights["flags"].DataType);
        Assert.Equal([1, 0, 1], weights["flags"].Ints!);
        Assert.Empty(weights["x"].Shape);
        Assert.Equal([42f], weights["x"].Floats!);
    }

    [Fact]
    public void File_overload_reads_face_api_arrays_and_model_json_objects()
    {
        _folder.WriteShard("m.bin", BitConverter.GetBytes(3f));
        const string group = """[{"paths":["m.bin"],"weights":[{"name":"x","shape":[1],"dtype":"float32"}]}]""";
        string faceApi = _folder.WriteManifest("m-weights_manifest.json", group);
        string graph = _folder.WriteManifest("model.json", $$"""{"format":"graph-model","weightsManifest":{{group}}}""");

        Assert.Equal([3f], TfJsWeightsReader.Read(faceApi)["x"].Floats!);
        Assert.Equal([3f], TfJsWeightsReader.Read(graph)["x"].Floats!);
    }

    [Fact]
    public void Missing_shard_is_reported_with_its_name()
    {
        var e = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["absent.bin"],"weights":[{"name":"x","shape":[1],"dtype":"float32"}]}]
            """), _folder.Path));

        Assert.Equal(ErrorKind.BadInput, e.Kind);
        Assert.Equal("model-weights-invalid", e.Code);
        Assert.Contains("absent.bin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_data_is_reported()
    {
        _folder.WriteShard("w.bin", new byte[7]);
        var e = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"x","shape":[2],"dtype":"float32"}]}]
            """), _folder.Path));

        Assert.Equal("model-weights-invalid", e.Code);
        Assert.Contains("short", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surplus_data_is_reported()
    {
        _folder.WriteShard("w.bin", new byte[9]);
        var e = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"x","shape":[2],"dtype":"float32"}]}]
            """), _folder.Path));

        Assert.Equal("model-weights-invalid", e.Code);
    }

    [Theory]
    [InlineData("""{"name":"s","shape":[1],"dtype":"string"}""", "unknown dtype 'string'")]
    [InlineData("""{"name":"s","shape":[1],"dtype":"float32","quantization":{"dtype":"int4"}}""", "unknown quantization dtype 'int4'")]
    [InlineData("""{"name":"s","shape":[1],"dtype":"float32","quantization":{"dtype":"uint8","scale":1}}""", "lacks a numeric scale and min")]
    [InlineData("""{"name":"s","shape":[1],"dtype":"int32","quantization":{"dtype":"float16"}}""", "only allows for float32")]
    [InlineData("""{"name":"s","shape":[-1],"dtype":"float32"}""", "non-negative integer")]
    public void Unsupported_entries_are_reported_by_weight_name(string entry, string expected)
    {
        _folder.WriteShard("w.bin", new byte[4]);
        var e = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(
            ManifestFolder.Json($$"""[{"paths":["w.bin"],"weights":[{{entry}}]}]"""), _folder.Path));

        Assert.Equal("model-weights-invalid", e.Code);
        Assert.Contains("'s'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_and_shards_outside_the_folder_are_refused()
    {
        _folder.WriteShard("w.bin", new byte[8]);
        var dup = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["w.bin"],"weights":[{"name":"x","shape":[1],"dtype":"float32"},{"name":"x","shape":[1],"dtype":"float32"}]}]
            """), _folder.Path));
        Assert.Contains("'x'", dup.Message, StringComparison.Ordinal);

        var escape = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(ManifestFolder.Json("""
            [{"paths":["../w.bin"],"weights":[{"name":"x","shape":[2],"dtype":"float32"}]}]
            """), _folder.Path));
        Assert.Equal("model-weights-invalid", escape.Code);
    }

    [Fact]
    public void Malformed_manifest_file_is_bad_input()
    {
        string path = _folder.WriteManifest("broken.json", "[{");
        var e = Assert.Throws<FaceAccordException>(() => TfJsWeightsReader.Read(path));
        Assert.Equal("model-weights-invalid", e.Code);
    }
}
