package io.supportflow.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files of one multipart request (an agent's reply, a customer's ticket or reply), checked against the
 * limits before anything is stored: too many files or an empty one is a 400, a file or the whole set too
 * large a 413 problem.
 */
public final class Uploads {

    /** The uploader's file name (not yet sanitised) and the bytes. */
    public record File(String name, byte[] bytes) {
    }

    /** @param maxTotalBytes of all files together; {@code Long.MAX_VALUE} leaves it to the server's request limit */
    public record Limits(int maxFiles, long maxFileBytes, long maxTotalBytes) {
    }

    private Uploads() {
    }

    public static List<File> read(List<MultipartFile> files, String part, Limits limits) {
        if (files.size() > limits.maxFiles()) {
            throw new InvalidInputException(part, ProblemText.of("upload.tooManyFiles", limits.maxFiles()));
        }
        long total = 0;
        List<File> uploads = new ArrayList<>();
        for (MultipartFile file : files) {
            if (file.getSize() > limits.maxFileBytes()) {
                throw new TooLarge(ProblemText.of("upload.fileTooLarge", limits.maxFileBytes()));
            }
            if (file.isEmpty()) {
                throw new InvalidInputException(part, ProblemText.of("upload.emptyFile"));
            }
            total += file.getSize();
            if (total > limits.maxTotalBytes()) {
                throw new TooLarge(ProblemText.of("upload.filesTooLarge", limits.maxTotalBytes()));
            }
            try {
                uploads.add(new File(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    static final class TooLarge extends ErrorResponseException {

        TooLarge(ProblemText detail) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, problem(detail.english()), null, detail.key(), detail.args().toArray());
        }

        private static ProblemDetail problem(String detail) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, detail);
            problem.setTitle("Payload too large");
            return problem;
        }
    }
}
