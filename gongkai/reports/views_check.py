"""Staff page: upload or paste published annual reports and get the findings of each."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.boundary.forms import CleanForm
from gongkai.core.archive_limits import KINDS, UploadRefused, human
from gongkai.core.report.model import Report
from gongkai.core.report.render_html import render_html_fragment
from gongkai.reports.uploaded_checks import MAX_FILES, check_documents, documents_of_upload


class CheckForm(CleanForm):
    """The pasted text; the files come as request.FILES["files"] (several allowed)."""

    text = forms.CharField(
        label="或粘贴报告全文（网页复制的文字、HTML 均可）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=1_000_000,
    )


@login_required
def check_reports(request):
    form = CheckForm(request.POST or None)
    results, problems = None, []
    if request.method == "POST" and form.is_valid():
        documents = []
        uploads = request.FILES.getlist("files")
        for upload in uploads[:MAX_FILES]:
            try:
                if upload.size > KINDS["report_zip"].max_bytes:  # checked before reading (streamed to disk)
                    raise UploadRefused(f"{upload.name}：文件超过 {human(KINDS['report_zip'].max_bytes)}")
                documents += documents_of_upload(upload.name, upload.read())
            except UploadRefused as problem:
                problems.append(str(problem))
        if len(uploads) > MAX_FILES:
            problems.append(f"一次最多检查 {MAX_FILES} 个文件")
        if form.cleaned_data["text"].strip():
            documents.append(("粘贴的文本", form.cleaned_data["text"].encode("utf-8")))
        if not documents and not problems:
            problems.append("请上传报告文件或粘贴报告全文")
        results = check_documents(documents[:MAX_FILES])
        for checked in results:
            checked["html"] = render_html_fragment(Report.from_json(checked["report"])) if checked["report"] else ""
    return render(request, "reports/check.html", {"form": form, "results": results, "problems": problems})
