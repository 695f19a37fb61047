using System.Drawing;
using FaceAccord.Core;
using FaceAccord.Vision.Imaging;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// The search of one photo, built so that its cost follows the faces in it rather than its pixel count and a
/// face counts only when two scales agree on it (docs/pipeline.md states the rule):
/// <list type="number">
/// <item>The whole photo in one view. A face the model sees at least <see cref="DetectorOptions.DirectFaceSize"/>
/// wide counts on a sure score (<see cref="DetectorOptions.SureScore"/>), as nearly every LFW face does.</item>
/// <item>Smaller candidates, and large ones of middling score, are hints. When the smallest face searched is too small for the whole view to hint
/// at, overlapping tiles run at a finer scale, but only tiles holding something the whole view saw; a tile's
/// candidate big enough for the whole view to have seen must have been seen there too.</item>
/// <item>Every hint is looked at again in a view centred on it, where it is <see cref="DetectorOptions.ConfirmFaceSize"/>
/// wide (from finer pixels of its region when the working pixels are too coarse); it counts only if that view finds
/// it as well.</item>
/// <item>A confirmed face whose eyes sit on one spot is no face; a face mostly inside a larger face's box is part of that face.</item>
/// <item>Nothing at all: the photo once more, shrunk, for a close-up beyond the model's largest anchors.</item>
/// </list>
/// </summary>
internal sealed class DetectionCascade(BlazeFaceDetector detector, Photo photo)
{
    // Upsampling of working pixels a confirming view may use; beyond it the face's region is decoded finer.
    private const float MaxUpsampling = 2f;

    private readonly DetectorOptions _o = detector.Options;
    private readonly int _input = detector.InputSize;
    private readonly int _width = photo.Width;
    private readonly int _height = photo.Height;
    private int _viewsLeft = detector.Options.MaxViews;

    public List<DetectedFace> Run()
    {
        float longSide = Math.Max(_width, _height);
        var whole = DetectionView.Whole(_width, _height);
        var raw = Look([whole], _o.LookScore)[0];

        // Large faces merge only with candidates of their own strength, as when the whole view was all there was;
        // the model is reliable at their size, so a sure score decides and a middling one asks for confirmation.
        var large = InPhoto(raw, whole, _o.MinScore).Where(d => d.ModelSize >= _o.DirectFaceSize).ToList();
        var faces = large.Where(d => d.Candidate.Score >= _o.SureScore).Select(d => d.Candidate).ToList();
        var first = InPhoto(raw, whole, _o.LookScore).ToList();
        var hints = large.Where(d => d.Candidate.Score < _o.SureScore)
            .Concat(first.Where(d => d.ModelSize < _o.DirectFaceSize && d.Candidate.Score >= _o.HintScore)).ToList();

        float smallest = Math.Max(_o.MinFaceSize, _o.MinFaceShare * longSide);
        if (smallest < _o.HintFaceSize * longSide / _input)
        {
            hints.AddRange(FromTiles(first, faces, smallest));
        }

        // A face the score alone does not vouch for must also have its eyes apart like a face's.
        faces.AddRange(Confirm(Distinct(hints, faces)).Where(f => LandmarkGeometry.IsPlausible(f, _o.MinEyeSpan)));
        faces = ContainmentSuppression.Apply(WeightedNonMaxSuppression.Apply(faces, _o.NmsIou), _o.MaxContainedShare);
        if (faces.Count == 0 && _o.CloseUpFill is > 0 and < 1)
        {
            var zoomed = DetectionView.ZoomedOut(_width, _height, _o.CloseUpFill);
            faces = [.. InPhoto(Look([zoomed], _o.MinScore)[0], zoomed, _o.MinScore).Select(d => d.Candidate)];
        }

        return [.. faces.OrderByDescending(f => f.Score).Select(f => BlazeFaceDetector.ToFace(f, _width, _height))];
    }

    /// <summary>
    /// Hints from tiles at the scale where the smallest face searched is still hinted at: only tiles that hold a
    /// small candidate of the whole view run, and a tile's candidate the whole view would have seen at
    /// twice the hint size must overlap one it did see.
    /// </summary>
    private List<ViewDetection> FromTiles(List<ViewDetection> first, List<FaceCandidate> faces, float smallest)
    {
        float side = smallest * _input / _o.HintFaceSize;
        var tiles = DetectionView.Tiles(_width, _height, side);
        if (tiles.Count > _o.MaxViews / 2)
        {
            // Coarser tiles rather than more of them: huge photos keep a bounded cost.
            tiles = DetectionView.Tiles(_width, _height, side * MathF.Sqrt(tiles.Count / (_o.MaxViews / 2f)));
        }

        var small = first.Where(d => d.ModelSize < _o.DirectFaceSize && !faces.Any(f => ContainmentSuppression.IsInside(d.Candidate.Box, f.Box, _o.MaxContainedShare))).ToList();
        var worth = tiles.Where(t => small.Any(d => t.Bounds.Contains(d.Candidate.Box.CenterX, d.Candidate.Box.CenterY))).ToList();
        float wholeScale = _input / (float)Math.Max(_width, _height);
        var hints = new List<ViewDetection>();
        var raw = Look(worth, _o.HintScore);
        foreach (var d in worth.SelectMany((t, i) => InPhoto(raw[i], t, _o.HintScore)))
        {
            bool wholeShouldSee = d.Candidate.Box.Width * wholeScale >= 2 * _o.HintFaceSize;
            if (!wholeShouldSee || first.Any(f => f.Candidate.Box.IntersectionOverUnion(d.Candidate.Box) > _o.NmsIou))
            {
                hints.Add(d);
            }
        }

        return hints;
    }

    /// <summary>One hint per place, none where a face is already decided, strongest first.</summary>
    private List<ViewDetection> Distinct(List<ViewDetection> hints, List<FaceCandidate> faces)
    {
        var kept = new List<ViewDetection>();
        foreach (var h in hints.OrderByDescending(h => h.Candidate.Score))
        {
            var box = h.Candidate.Box;
            bool known = kept.Any(k => k.Candidate.Box.IntersectionOverUnion(box) > _o.NmsIou) ||
                faces.Any(f => f.Box.IntersectionOverUnion(box) > _o.NmsIou || ContainmentSuppression.IsInside(box, f.Box, _o.MaxContainedShare));
            if (!known)
            {
                kept.Add(h);
            }
        }

        return kept;
    }

    /// <summary>Hints that a view centred on each, at the confirming size, finds again.</summary>
    private List<FaceCandidate> Confirm(List<ViewDetection> hints)
    {
        var views = hints.Take(_viewsLeft).Select(h => DetectionView.Around(h.Candidate.Box, _o.ConfirmFaceSize, _input)).ToList();
        var raw = Look(views, _o.ConfirmScore);
        var confirmed = new List<FaceCandidate>();
        for (int i = 0; i < views.Count; i++)
        {
            var hint = hints[i].Candidate.Box;
            var best = InPhoto(raw[i], views[i], _o.ConfirmScore).Where(d => d.Candidate.Box.IntersectionOverUnion(hint) >= 0.4f)
                .OrderByDescending(d => d.Candidate.Score).FirstOrDefault();
            if (best.Candidate.Keypoints is not null)
            {
                confirmed.Add(best.Candidate);
            }
        }

        return confirmed;
    }

    /// <summary>Runs views on the working pixels, or on finer pixels of their region where those would be upsampled too far.</summary>
    private List<FaceCandidate>[] Look(List<DetectionView> views, float minScore)
    {
        if (views.Count == 0)
        {
            return [];
        }

        _viewsLeft -= views.Count;
        var working = photo.Working;
        var coarse = views.Where(v => NeedsFiner(v, working)).ToList();
        var finer = working;
        if (coarse.Count > 0)
        {
            var region = coarse.Select(v => v.Bounds).Aggregate(RectangleF.Union);
            float scale = coarse.Max(v => Math.Min(1f, v.ScaleFor(_input) / MaxUpsampling));
            finer = photo.PixelsFor(region, scale);
        }

        var batch = views.Select(v => (v, NeedsFiner(v, working) ? finer : working)).ToList();
        return detector.Run(batch, minScore);
    }

    private IEnumerable<ViewDetection> InPhoto(List<FaceCandidate> raw, DetectionView view, float minScore) =>
        detector.InPhoto(raw, view, minScore, _width, _height);

    private bool NeedsFiner(DetectionView view, PhotoPixels working) =>
        working.Scale * MaxUpsampling < Math.Min(1f, view.ScaleFor(_input)) && photo.FinestScale > working.Scale;
}
