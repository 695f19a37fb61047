namespace FaceAccord.Evaluation.Datasets;

/// <summary>Gender as labelled in UTKFace file names: tester-supplied evaluation labels, never inferred.</summary>
public enum UtkGender
{
    Male = 0,
    Female = 1,
}
