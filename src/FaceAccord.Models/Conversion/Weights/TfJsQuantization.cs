namespace FaceAccord.Models.Conversion.Weights;

/// <summary>How one weight is stored on disk when it is quantised; scale and min only apply to uint8/uint16.</summary>
internal sealed record TfJsQuantization(string StorageType, double Scale, double Min)
{
    /// <summary>Bytes one stored element takes, or 0 for a storage type TF.js does not define.</summary>
    public int BytesPerElement => StorageType switch
    {
        "uint8" => 1,
        "uint16" => 2,
        "float16" => 2,
        _ => 0,
    };
}
