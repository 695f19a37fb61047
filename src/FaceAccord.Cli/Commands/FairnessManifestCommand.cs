using System.CommandLine;
using FaceAccord.Evaluation.Fairness.Audit;

namespace FaceAccord.Cli.Commands;

/// <summary><c>faceaccord fairness manifest</c>: writes audit manifests from the labels the data sets ship with, never inferred ones.</summary>
public static class FairnessManifestCommand
{
    public static Command Create(CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var manifest = new Command("manifest", "Build an audit manifest from a labelled data set.");
        manifest.Subcommands.Add(UtkFace(output));
        manifest.Subcommands.Add(Lfw(output));
        return manifest;
    }

    private static Command UtkFace(CliOutput output)
    {
        var images = new Option<string>("--images") { Description = "UTKFace image folder (labels in the file names).", Required = true };
        var file = new Option<string>("--out") { Description = "Manifest CSV to write.", Required = true };
        var noDedupe = new Option<bool>("--no-dedupe") { Description = "Keep each file its own subject even when it is a copy of another photograph." };
        var utk = new Command("utkface", "Manifest with columns image,subject,race,gender; byte-identical copies left out, copies of one photograph (re-encoded, re-cropped) one subject, every other file its own subject.")
        {
            images, file, noDedupe,
        };
        utk.SetAction(r =>
        {
            var result = UtkFaceManifest.Write(r.GetValue(images)!, r.GetValue(file)!, dedupe: !r.GetValue(noDedupe));
            output.Out.WriteLine($"Wrote {result.Images} images of {result.Subjects} subjects to {r.GetValue(file)} ({result.SkippedNames} files without a UTKFace name, {result.DuplicateCopies} byte-identical copies left out).");
            if (result.NearDuplicatesPath is not null)
            {
                output.Out.WriteLine($"Near-duplicate photographs: {result.MergedImages} images merged into {result.MergedClusters} subjects (largest {result.LargestCluster}); {result.LabelConflictImages} of them with disagreeing labels left unlabelled; {result.Unfingerprinted} unreadable images left alone; links in {result.NearDuplicatesPath}.");
            }

            return CliApp.Ok;
        });
        return utk;
    }

    private static Command Lfw(CliOutput output)
    {
        var images = new Option<string>("--images") { Description = "LFW image folder (one folder per person).", Required = true };
        var labels = new Option<string>("--labels") { Description = $"Folder with {LfwManifest.MaleList}, {LfwManifest.FemaleList} and {LfwManifest.RaceFile}.", Required = true };
        var file = new Option<string>("--out") { Description = "Manifest CSV to write.", Required = true };
        var lfw = new Command("lfw", "Manifest with columns image,subject,gender,race: subjects from folder names, gender per image, race per person; ambiguous labels left empty.")
        {
            images, labels, file,
        };
        lfw.SetAction(r =>
        {
            var x = LfwManifest.Write(r.GetValue(images)!, r.GetValue(labels)!, r.GetValue(file)!);
            output.Out.WriteLine($"Wrote {x.Images} images of {x.Subjects} people to {r.GetValue(file)}.");
            output.Out.WriteLine($"gender: {x.GenderLabelled} images labelled; empty: {x.GenderInBothLists} in both lists, {x.GenderInNoList} in neither, {x.GenderConflictingSubjects} people with both labels.");
            output.Out.WriteLine($"race: {x.RaceLabelledSubjects} people labelled, {x.RaceAmbiguousSubjects} with disagreeing annotators left empty, {x.Subjects - x.RaceLabelledSubjects - x.RaceAmbiguousSubjects} not in the file.");
            if (x.LabelsWithoutImage > 0)
            {
                output.Out.WriteLine($"{x.LabelsWithoutImage} names in the label files match no image or person folder.");
            }

            return CliApp.Ok;
        });
        return lfw;
    }
}
