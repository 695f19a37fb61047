// libFuzzer's half of SharpFuzz's libFuzzer protocol: libFuzzer mutates inputs in this process, and a .NET child
// (the FaceAccord.Fuzz harness, instrumented by SharpFuzz) runs each one and reports the managed edges it covered.
//
// Protocol (SharpFuzz.Fuzzer.LibFuzzer.Run): one System V shared segment holds the 64 KiB edge map followed by the
// input; the child finds it through __LIBFUZZER_SHM_ID and its two pipes through __LIBFUZZER_CONTROL_PIPE_ID (fd 198)
// and __LIBFUZZER_STATUS_PIPE_ID (fd 199). It says it is ready with 4 bytes on the status pipe, then for each input
// reads its length (int32) on the control pipe and answers a status (int32, 0 = no unexpected exception).
//
// Environment: FUZZ_HARNESS (path of FaceAccord.Fuzz.dll, instrumented) and FUZZ_TARGET (a target name).
// Build: clang-14 -O1 -fsanitize=fuzzer faceaccord-fuzz-driver.c -o faceaccord-fuzz-driver
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <unistd.h>

#define MAP_SIZE (1 << 16)
#define MAX_INPUT (1 << 20)
#define CTL_FD 198
#define ST_FD 199

// libFuzzer reads this section as extra coverage counters: the child's edge map is copied here after every run.
__attribute__((used, section("__libfuzzer_extra_counters"))) uint8_t managed_edges[MAP_SIZE];

static int ctl_fd = -1;
static int st_fd = -1;
static int shm_id = -1;
static uint8_t *shared;

static void fail(const char *what)
{
    fprintf(stderr, "faceaccord-fuzz-driver: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void remove_segment(void)
{
    if (shm_id >= 0)
    {
        shmctl(shm_id, IPC_RMID, NULL);
    }
}

// Reads or writes exactly four bytes; returns 0 when the other end has gone away.
static int transfer(int fd, void *value, int writing)
{
    ssize_t done;
    do
    {
        done = writing ? write(fd, value, 4) : read(fd, value, 4);
    } while (done < 0 && errno == EINTR);
    if (done < 0 && errno != EPIPE)
    {
        fail(writing ? "write to the harness" : "read from the harness");
    }

    return done == 4;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *harness = getenv("FUZZ_HARNESS");
    const char *target = getenv("FUZZ_TARGET");
    if (!harness || !target)
    {
        fprintf(stderr, "faceaccord-fuzz-driver: set FUZZ_HARNESS (FaceAccord.Fuzz.dll) and FUZZ_TARGET\n");
        exit(1);
    }

    // A dead child answers EOF on its pipe, which is reported as a crash below, not a SIGPIPE here.
    signal(SIGPIPE, SIG_IGN);
    int ctl[2];
    int st[2];
    if (pipe(ctl) || pipe(st))
    {
        fail("pipe");
    }

    shm_id = shmget(IPC_PRIVATE, MAP_SIZE + MAX_INPUT, IPC_CREAT | IPC_EXCL | 0600);
    if (shm_id < 0)
    {
        fail("shmget");
    }

    atexit(remove_segment);
    shared = shmat(shm_id, NULL, 0);
    if (shared == (void *)-1)
    {
        fail("shmat");
    }

    pid_t child = fork();
    if (child < 0)
    {
        fail("fork");
    }

    if (child == 0)
    {
        // The harness dies with this process, whether it ends normally, on a timeout or on a crash.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (dup2(ctl[0], CTL_FD) < 0 || dup2(st[1], ST_FD) < 0)
        {
            fail("dup2");
        }

        close(ctl[0]);
        close(ctl[1]);
        close(st[0]);
        close(st[1]);
        char id[16];
        snprintf(id, sizeof id, "%d", shm_id);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execlp("dotnet", "dotnet", harness, "run", target, (char *)NULL);
        fail("exec dotnet");
    }

    close(ctl[0]);
    close(st[1]);
    ctl_fd = ctl[1];
    st_fd = st[0];
    int32_t ready;
    if (!transfer(st_fd, &ready, 0))
    {
        fprintf(stderr, "faceaccord-fuzz-driver: the harness exited before it was ready\n");
        exit(1);
    }

    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
    {
        return 0;
    }

    memset(shared, 0, MAP_SIZE);
    memcpy(shared + MAP_SIZE, data, size);
    int32_t length = (int32_t)size;
    int32_t status = 0;
    int alive = transfer(ctl_fd, &length, 1) && transfer(st_fd, &status, 0);
    memcpy(managed_edges, shared, MAP_SIZE);
    if (!alive)
    {
        // The runtime itself died: a native crash (a codec, a stack overflow), which libFuzzer records as a crash.
        fprintf(stderr, "faceaccord-fuzz-driver: the harness process died on this input\n");
        abort();
    }

    if (status != 0)
    {
        // The harness printed the unexpected exception to stderr.
        abort();
    }

    return 0;
}
