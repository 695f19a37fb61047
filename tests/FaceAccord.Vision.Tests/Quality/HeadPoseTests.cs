using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Vision.Quality;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Vision.Tests.Quality;

public sealed class HeadPoseTests
{
    // A fixed seed: the same inputs every run, so a property test passes or fails for good, never by the draw.
    private const string Replay = "(1414213562,3730950489)";

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(25, 0, 0)]
    [InlineData(-40, 0, 0)]
    [InlineData(0, 20, 0)]
    [InlineData(0, -20, 0)]
    [InlineData(0, 0, 35)]
    [InlineData(0, 0, -170)]
    public void Single_axis_rotations_of_the_mean_face_are_recovered(float yaw, float pitch, float roll)
    {
        var pose = HeadPose.FromLandmarks(Project(yaw, pitch, roll));
        Assert.Equal(yaw, pose.Yaw, 0.5f);
        Assert.Equal(pitch, pose.Pitch, 0.5f);
        Assert.Equal(roll, pose.Roll, 0.5f);
    }

    [Property(Replay = Replay, MaxTest = 300)]
    public Property Any_rotation_of_the_mean_face_is_recovered() =>
        Prop.ForAll(
            Arb.From(from yaw in Gen.Choose(-600, 600)
                     from pitch in Gen.Choose(-450, 450)
                     from roll in Gen.Choose(-1790, 1790)
                     select (Yaw: yaw / 10f, Pitch: pitch / 10f, Roll: roll / 10f)),
            a =>
            {
                // The fit models exactly this face, so turned, nodding and tilted at once must all come back.
                var pose = HeadPose.FromLandmarks(Project(a.Yaw, a.Pitch, a.Roll));
                return (Math.Abs(pose.Yaw - a.Yaw) < 0.2f && Math.Abs(pose.Pitch - a.Pitch) < 0.2f && Math.Abs(pose.Roll - a.Roll) < 0.2f)
                    .Label(pose.ToString());
            });

    [Fact]
    public void Signs_follow_the_subjects_view()
    {
        // Turned towards their own left: the nose moves towards the left eye, the image's right.
        var lm = Project(0, 0, 0);
        var turned = lm with { Nose = lm.Nose + new Vector2(8, 0) };
        Assert.True(HeadPose.FromLandmarks(turned).Yaw > 10);

        // Looking down: the nose tip drops towards the mouth.
        var down = lm with { Nose = lm.Nose + new Vector2(0, 6) };
        Assert.True(HeadPose.FromLandmarks(down).Pitch > 10);
    }

    [Fact]
    public void Coincident_eyes_give_NaN_which_fails_every_pose_check()
    {
        var p = new Vector2(50, 50);
        var pose = HeadPose.FromLandmarks(new FaceLandmarks(p, p, p, p, p, p));
        Assert.True(float.IsNaN(pose.Yaw) && float.IsNaN(pose.Pitch) && float.IsNaN(pose.Roll));
    }

    /// <summary>The documented mean face, rotated (yaw about the vertical, pitch about the eye axis, then
    /// roll in the image plane), projected orthographically at 20 px per half eye distance.</summary>
    private static FaceLandmarks Project(float yawDeg, float pitchDeg, float rollDeg)
    {
        float yaw = yawDeg * MathF.PI / 180, pitch = pitchDeg * MathF.PI / 180, roll = rollDeg * MathF.PI / 180;
        Vector2 P(float x, float y, float z)
        {
            (x, z) = ((x * MathF.Cos(yaw)) + (z * MathF.Sin(yaw)), (-x * MathF.Sin(yaw)) + (z * MathF.Cos(yaw)));
            y = (y * MathF.Cos(pitch)) + (z * MathF.Sin(pitch));
            var v = new Vector2((x * MathF.Cos(roll)) - (y * MathF.Sin(roll)), (x * MathF.Sin(roll)) + (y * MathF.Cos(roll)));
            return new Vector2(300, 200) + (20 * v);
        }

        return new FaceLandmarks(
            LeftEye: P(1, 0, 0),
            RightEye: P(-1, 0, 0),
            Nose: P(0, HeadPose.NoseDrop, HeadPose.NoseDepth),
            Mouth: P(0, HeadPose.MouthDrop, HeadPose.MouthDepth),
            LeftEar: P(2.3f, 0.5f, -2.5f),
            RightEar: P(-2.3f, 0.5f, -2.5f));
    }
}
