using FaceAccord.Fuzz;
using SharpFuzz;

// The FaceAccord fuzz harness (see README.md beside this file):
//   run TARGET                    serve libFuzzer through faceaccord-fuzz-driver (SharpFuzz's libFuzzer protocol)
//   replay TARGET FILE...         run inputs once, uninstrumented, and say which ones expose a bug
//   instrument FROM TO            copy a build of this harness and instrument the copy
//   targets                       list the targets
if (args.Length >= 2 && args[0] == "run" && Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is not null)
{
    var target = FuzzTargets.Named(args[1]);
    Fuzzer.LibFuzzer.Run(input => target.Exercise(input));
    return 0;
}

if (args.Length >= 3 && args[0] == "replay")
{
    var target = FuzzTargets.Named(args[1]);
    int bugs = 0;
    foreach (string file in args[2..])
    {
        try
        {
            string? refused = target.Exercise(File.ReadAllBytes(file));
            Console.WriteLine(refused is null ? $"ok   {file}: accepted" : $"ok   {file}: refused as bad input ({refused})");
        }
        catch (Exception e)
        {
            bugs++;
            Console.WriteLine($"BUG  {file}: {e}");
        }
    }

    return bugs == 0 ? 0 : 1;
}

if (args.Length == 3 && args[0] == "instrument")
{
    foreach (var (assembly, types) in Instrumenter.InstrumentCopy(args[1], args[2]))
    {
        Console.WriteLine($"{assembly}: {types} types instrumented");
    }

    return 0;
}

if (args.Length == 1 && args[0] == "targets")
{
    FuzzTargets.All.ToList().ForEach(t => Console.WriteLine(t.Name));
    return 0;
}

Console.Error.WriteLine("usage: FaceAccord.Fuzz run TARGET (under faceaccord-fuzz-driver) | replay TARGET FILE... | instrument FROM TO | targets");
return 2;
