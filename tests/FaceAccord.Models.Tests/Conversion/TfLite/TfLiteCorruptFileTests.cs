using System.Buffers.Binary;
using System.Diagnostics;
using FaceAccord.Core;
using FaceAccord.Models.Conversion.TfLite;

namespace FaceAccord.Models.Tests.Conversion.TfLite;

/// <summary>
/// Damaged .tflite bytes end in a BadInput <see cref="FaceAccordException"/>, never an out-of-range read, an
/// oversized allocation or a hang: every truncation and every single-byte corruption of real test models,
/// and hand-aimed damage (a huge vector length, tensor and opcode indices out of range, a stray vtable).
/// </summary>
public sealed class TfLiteCorruptFileTests
{
    private static byte[] Model(string opCase = "mobilefacenet_block") => TfLiteGoldenFiles.OpCase(opCase).Bytes;

    [Theory]
    [InlineData("conv2d_same_s1_relu")]
    [InlineData("mobilefacenet_block")]
    public void Every_truncation_is_refused(string opCase)
    {
        byte[] bytes = Model(opCase);
        for (int length = 0; length < bytes.Length; length++)
        {
            var ex = Assert.Throws<FaceAccordException>(() => ParseAndConvert(bytes.AsMemory(0, length)));
            Assert.Equal(ErrorKind.BadInput, ex.Kind);
        }
    }

    [Theory]
    [InlineData("conv2d_same_s1_relu", new byte[] { 0xFF, 0x80, 0x01 })]
    [InlineData("fully_connected_flatten_after_conv", new byte[] { 0xFF, 0x80, 0x01 })]
    [InlineData("mobilefacenet_block", new byte[] { 0xFF })]
    public void Every_flipped_byte_converts_or_is_refused_as_bad_input(string opCase, byte[] masks)
    {
        byte[] original = Model(opCase);
        var watch = Stopwatch.StartNew();
        int refused = 0;
        foreach (byte mask in masks)
        {
            for (int i = 0; i < original.Length; i++)
            {
                byte[] bytes = (byte[])original.Clone();
                bytes[i] ^= mask;
                try
                {
                    ParseAndConvert(bytes);
                }
                catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
                {
                    refused++;
                }
            }
        }

        // Most bytes are weights, where any value is a valid model; the structure around them must be noticed.
        int tried = masks.Length * original.Length;
        Assert.True(refused * 10 > tried, $"only {refused} of {tried} corruptions were noticed");
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"{tried} conversions took {watch.Elapsed}");
    }

    [Fact]
    public void A_huge_vector_length_is_refused_without_allocating()
    {
        byte[] bytes = Model();
        int tensors = VectorHeader(bytes, Field(bytes, Subgraph(bytes), 0));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(tensors), 0x7FFF_FFFF);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Parse(bytes));
        Assert.Equal("invalid-tflite", ex.Code);
        Assert.Contains("SubGraph 0.tensors claims 2147483647 elements", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_index_out_of_range_is_refused()
    {
        byte[] bytes = Model();
        int operators = VectorHeader(bytes, Field(bytes, Subgraph(bytes), 3));
        int firstOperator = Deref(bytes, operators + 4);
        int inputs = VectorHeader(bytes, Field(bytes, firstOperator, 1));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(inputs + 4), 100_000);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Parse(bytes));
        Assert.Equal("invalid-tflite", ex.Code);
        Assert.Contains("The inputs of CONV_2D (operator 0) names tensor 100000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_opcode_index_out_of_range_is_refused()
    {
        byte[] bytes = Model();
        int operators = VectorHeader(bytes, Field(bytes, Subgraph(bytes), 3));
        int secondOperator = Deref(bytes, operators + 8); // the first uses code 0, which the writer leaves out
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(Field(bytes, secondOperator, 0)), 999);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Parse(bytes));
        Assert.Contains("Operator 1 uses operator code 999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vtable_outside_the_file_is_refused()
    {
        byte[] bytes = Model();
        int subgraph = Subgraph(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(subgraph), -bytes.Length);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Parse(bytes));
        Assert.Contains("vtable of SubGraph 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 })]
    public void A_file_that_is_not_tflite_is_refused(byte[] bytes)
    {
        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Parse(bytes));
        Assert.Equal("invalid-tflite", ex.Code);
        Assert.Contains("not a TFLite model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_schema_version_is_refused()
    {
        byte[] bytes = Model();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(Field(bytes, Deref(bytes, 0), 0)), 2);

        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Parse(bytes));
        Assert.Contains("schema version is 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        var ex = Assert.Throws<FaceAccordException>(() => TfLiteModel.Load(Path.Combine(Path.GetTempPath(), "faceaccord-no-such-model.tflite")));
        Assert.Equal("unreadable-model", ex.Code);
    }

    private static void ParseAndConvert(ReadOnlyMemory<byte> bytes) =>
        TfLiteToOnnxConverter.Convert(TfLiteModel.Parse(bytes), new TfLiteConversionOptions());

    // Minimal FlatBuffers navigation to aim the damage (the writer always emits these fields).
    private static int Deref(byte[] b, int position) => position + (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(position));

    private static int Field(byte[] b, int table, int slot)
    {
        int vtable = table - BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(table));
        int offset = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(vtable + 4 + (2 * slot)));
        Assert.NotEqual(0, offset);
        return table + offset;
    }

    private static int VectorHeader(byte[] b, int field) => Deref(b, field);

    private static int Subgraph(byte[] b)
    {
        int subgraphs = VectorHeader(b, Field(b, Deref(b, 0), 2));
        return Deref(b, subgraphs + 4);
    }
}
