namespace FaceAccord.Models.Conversion.Weights;

/// <summary>The element types a decoded TF.js weight can have, after any dequantisation.</summary>
public enum TfJsDataType
{
    /// <summary>32-bit float; stored raw or quantised as uint8, uint16 or float16.</summary>
    Float32,

    /// <summary>32-bit integer; stored raw or quantised as uint8 or uint16 (rounded like TF.js).</summary>
    Int32,

    /// <summary>Boolean stored one byte per value; decoded into <see cref="TfJsWeight.Ints"/> as 0 or 1.</summary>
    Bool,
}
