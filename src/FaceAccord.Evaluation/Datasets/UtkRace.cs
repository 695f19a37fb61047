namespace FaceAccord.Evaluation.Datasets;

/// <summary>Race as labelled in UTKFace file names: tester-supplied evaluation labels, never inferred.</summary>
public enum UtkRace
{
    White = 0,
    Black = 1,
    Asian = 2,
    Indian = 3,
}
