"""The default agenda templates (RULES.md "Order of a regular meeting", thematic order)."""

from django.db import migrations

REGULAR = [
    ("opening", "Khai mạc: nêu lý do, giới thiệu đại biểu, khách mời; thu đảng phí", 5),
    ("roll_call", "Báo cáo tình hình đảng viên dự sinh hoạt", 5),
    ("agenda", "Thông qua chương trình; cử thư ký", 5),
    ("current_affairs", "Thông tin thời sự, chủ trương mới, chỉ đạo của cấp ủy cấp trên; tình hình tư tưởng", 10),
    ("review", "Đánh giá kết quả tháng trước: thực hiện nghị quyết, nhiệm vụ đã phân công", 15),
    ("study", "Học tập, quán triệt văn bản; học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 10),
    ("criticism", "Tự phê bình và phê bình; kiểm điểm chức trách, nhiệm vụ hằng tháng", 10),
    ("officials", "Ý kiến của cấp ủy viên cấp trên dự sinh hoạt", 5),
    ("discussion", "Thảo luận; nhiệm vụ tháng tới; phân công đảng viên", 15),
    ("resolution", "Kết luận, biểu quyết nghị quyết", 5),
    ("closing", "Đánh giá, xếp loại buổi sinh hoạt; thông qua biên bản; bế mạc", 5),
]
THEMATIC = [
    ("thematic_purpose", "Nêu mục đích, yêu cầu của chuyên đề", 5),
    ("thematic_brief", "Trình bày đề dẫn chuyên đề", 20),
    ("discussion", "Thảo luận chuyên đề", 40),
    ("resolution", "Kết luận, nghị quyết chuyên đề", 10),
    ("closing", "Thông qua biên bản; bế mạc", 5),
]
COMMITTEE = [
    ("review", "Đánh giá tình hình thực hiện nhiệm vụ tháng", 20),
    ("discussion", "Chuẩn bị nội dung, dự thảo nghị quyết sinh hoạt chi bộ", 30),
    ("resolution", "Phân công chuẩn bị buổi sinh hoạt chi bộ", 10),
]
TEMPLATES = [
    ("regular", "Sinh hoạt thường kỳ (mặc định)", REGULAR),
    ("thematic", "Sinh hoạt chuyên đề (mặc định)", THEMATIC),
    ("combined", "Sinh hoạt thường kỳ kết hợp chuyên đề (mặc định)", REGULAR[:9] + THEMATIC[1:3] + REGULAR[9:]),
    ("committee", "Sinh hoạt chi ủy (mặc định)", COMMITTEE),
]


def ship(apps, schema_editor):
    AgendaTemplate = apps.get_model("meetings", "AgendaTemplate")
    Item = apps.get_model("meetings", "AgendaTemplateItem")
    for kind, name, items in TEMPLATES:
        template, _ = AgendaTemplate.objects.get_or_create(kind=kind, cell_type="", defaults={"name": name})
        if not template.items.exists():
            Item.objects.bulk_create(
                Item(template=template, order=i, section=s, title=t, planned_minutes=m)
                for i, (s, t, m) in enumerate(items, start=1)
            )


def unship(apps, schema_editor):
    apps.get_model("meetings", "AgendaTemplate").objects.filter(cell_type="").delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
