"""Ship the example score sheet of rule QUAL-2 (Đảng ủy Khối Bình Thuận) as `QUAL2-VD`.

100 points in the five groups of Hướng dẫn 12-HD/BTCTW (QUAL-1). The rule sets name it
(`score_sheet`) and make full points on attendance, duration, participation and minutes a
condition of "Tốt" (`rating_gate_criteria`). A province may add its own sheet in the admin.
"""

from django.db import migrations

SHEET = {
    "code": "QUAL2-VD",
    "title": "Phiếu chấm điểm chất lượng sinh hoạt chi bộ (thang điểm mẫu)",
    "source": "Ví dụ: thang điểm của Đảng ủy Khối các cơ quan tỉnh Bình Thuận; tỉnh có thể thay",
    "is_example": True,
}

# (group, code, label, max, source)
CRITERIA = [
    (1, "attendance", "Đảng viên dự họp đủ: tỷ lệ trên mức quy định, không vắng không lý do, "
     "không ai vắng quá số lần liên tiếp", 15, "attendance"),
    (2, "content_prepared", "Chi ủy chuẩn bị nội dung, dự thảo nghị quyết và thống nhất trước",
     5, "content_prepared"),
    (2, "notified", "Thông báo thời gian, địa điểm, nội dung cho đảng viên và cấp ủy viên "
     "cấp trên theo dõi", 5, "notified"),
    (2, "documents_in_time", "Tài liệu gửi đảng viên đúng thời hạn", 5, "documents_in_time"),
    (2, "document_study", "Có nội dung học tập, quán triệt văn bản của Đảng", 5,
     "document_study"),
    (3, "on_time", "Khai mạc đúng giờ, đúng trình tự", 5, "manual"),
    (3, "full_content", "Nội dung đầy đủ, trọng tâm, phù hợp nhiệm vụ của chi bộ", 5, "manual"),
    (3, "duration", "Thời lượng sinh hoạt đủ theo quy định", 10, "duration"),
    (3, "participation", "Nhiều đảng viên phát biểu, thảo luận, đóng góp ý kiến", 10, "manual"),
    (3, "self_criticism", "Có tự phê bình và phê bình", 5, "self_criticism"),
    (3, "minutes", "Biên bản ghi đầy đủ, đúng quy định", 5, "minutes"),
    (4, "principles", "Giữ đúng nguyên tắc tập trung dân chủ, tự phê bình và phê bình", 10,
     "manual"),
    (5, "previous_reviewed", "Kiểm điểm việc thực hiện nhiệm vụ được giao tháng trước", 5,
     "previous_reviewed"),
    (5, "assignments_made", "Phân công nhiệm vụ cụ thể cho đảng viên", 5, "assignments_made"),
    (5, "resolution_results", "Nghị quyết kỳ trước được thực hiện, có kết quả", 5, "manual"),
]


def ship(apps, schema_editor):
    ScoreSheet = apps.get_model("evaluation", "ScoreSheet")
    Criterion = apps.get_model("evaluation", "Criterion")
    sheet, _ = ScoreSheet.objects.update_or_create(code=SHEET["code"], defaults=SHEET)
    for order, (group, code, label, most, source) in enumerate(CRITERIA, start=1):
        Criterion.objects.update_or_create(
            sheet=sheet,
            code=code,
            defaults={
                "group": group,
                "order": order,
                "label": label,
                "max_points": most,
                "min_points": 0,
                "source": source,
                "kinds": [],
            },
        )


def unship(apps, schema_editor):
    apps.get_model("evaluation", "ScoreSheet").objects.filter(code=SHEET["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("core", "0004_evaluation_rule_values")]
    operations = [migrations.RunPython(ship, unship)]
