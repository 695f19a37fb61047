namespace FaceAccord.Packs.Calibration;

/// <summary>Which guarantee a calibrated threshold gives, so a caller says which promise it needs.</summary>
public enum CalibrationMode
{
    /// <summary>FMR ≤ target for every measured demographic group (and overall): the default promise.</summary>
    WorstGroup = 0,

    /// <summary>FMR ≤ target over all impostor pairs pooled; some groups may fare worse.</summary>
    Overall = 1,
}
