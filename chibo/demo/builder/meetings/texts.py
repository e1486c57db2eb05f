# ruff: noqa: E501 -- long Vietnamese phrases are data, kept one per line.
"""Vietnamese text of the demo meetings: documents, topics, places, notes, reasons, tasks.

Plain data (demo content, like the synthetic names): the builder draws from these pools with
its random stream. `{…}` fields are filled by minutes.py. Document numbers and dates are those
of real, public party documents; `STUDY_DOCUMENTS` lists each with the date it was issued, so
a meeting only studies documents that existed on its date.
"""

import datetime

from chibo.meetings.models import Section

D = datetime.date

#: (document, issued on, cell roles it suits; empty: every cell). Rule "Order" item 6.
STUDY_DOCUMENTS: tuple[tuple[str, datetime.date, tuple[str, ...]], ...] = (
    ("Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", D(2016, 5, 15), ()),
    ("Kết luận 01-KL/TW về tiếp tục thực hiện Chỉ thị 05-CT/TW", D(2021, 5, 18), ()),
    ("Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng", D(2016, 10, 30), ()),
    ("Kết luận 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị", D(2021, 10, 25), ()),
    ("Kết luận 256-KL/TU của Tỉnh ủy về Đề án 16-ĐA/TU nâng cao chất lượng sinh hoạt chi bộ", D(2021, 7, 6), ()),
    ("Quy định 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên", D(2024, 5, 9), ()),
    ("Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia", D(2024, 12, 22), ()),
    ("Nghị quyết 66-NQ/TW về đổi mới công tác xây dựng và thi hành pháp luật", D(2025, 4, 30), ("agency", "police")),
    ("Nghị quyết 68-NQ/TW về phát triển kinh tế tư nhân", D(2025, 5, 4), ("enterprise", "urban", "village")),
    ("Chỉ thị 50-CT/TW về nâng cao chất lượng sinh hoạt chi bộ", D(2025, 7, 23), ()),
    ("Nghị quyết 71-NQ/TW về đột phá phát triển giáo dục và đào tạo", D(2025, 8, 22), ("school",)),
    ("Nghị quyết 72-NQ/TW về bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân", D(2025, 9, 9), ("clinic",)),
    ("Quy định 366-QĐ/TW về kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên", D(2025, 8, 30), ()),
    ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Tuyên Quang nhiệm kỳ 2025–2030", D(2025, 10, 1), ()),
    ("Văn kiện Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", D(2026, 2, 1), ()),
)  # fmt: skip

#: cell role → thematic topics fit for the unit's task (THEM-1; Kết luận 256 asks for topics
#: related to the unit's political task).
TOPICS: dict[str, tuple[str, ...]] = {
    "village": (
        "Phát triển kinh tế đồi rừng, trồng rừng gỗ lớn gắn với bảo vệ rừng",
        "Xây dựng thôn đạt chuẩn nông thôn mới nâng cao",
        "Phòng, chống ma túy và tệ nạn xã hội trên địa bàn thôn",
        "Vận động nhân dân xóa bỏ hủ tục trong việc cưới, việc tang",
        "Phát triển đảng viên ở thôn, bản",
        "Chuyển đổi cơ cấu cây trồng, phát triển cây chè, cây cam hàng hóa",
        "Giữ gìn an ninh trật tự, xây dựng thôn an toàn",
        "Vai trò của đảng viên trong phong trào làm đường giao thông nông thôn",
    ),
    "urban": (
        "Xây dựng tổ dân phố văn minh đô thị, xanh – sạch – đẹp",
        "Phát triển kinh tế hộ gia đình, kinh doanh dịch vụ",
        "Phòng, chống cháy nổ trong khu dân cư",
        "Chuyển đổi số trong khu dân cư: dịch vụ công trực tuyến, thanh toán không dùng tiền mặt",
        "Vai trò đảng viên trong giữ gìn trật tự, an toàn giao thông",
        "Phòng, chống tội phạm và tệ nạn xã hội trong khu dân cư",
    ),
    "agency": (
        "Cải cách hành chính, nâng cao chất lượng phục vụ người dân",
        "Vận hành chính quyền địa phương hai cấp",
        "Phòng, chống tham nhũng, tiêu cực, lãng phí",
        "Chuyển đổi số trong cơ quan Đảng, chính quyền cấp xã",
        "Nâng cao đạo đức công vụ, trách nhiệm nêu gương của cán bộ, đảng viên",
    ),
    "school": (
        "Nâng cao chất lượng dạy và học, đổi mới phương pháp giảng dạy",
        "Xây dựng trường học hạnh phúc",
        "Giáo dục đạo đức, lối sống cho học sinh",
        "Ứng dụng công nghệ thông tin trong dạy học",
    ),
    "clinic": (
        "Nâng cao chất lượng khám, chữa bệnh tuyến cơ sở",
        "Phòng, chống dịch bệnh mùa mưa lũ",
        "Y đức và tinh thần phục vụ người bệnh",
        "Triển khai sổ sức khỏe điện tử cho người dân",
    ),
    "police": (
        "Bảo đảm an ninh trật tự trên địa bàn xã",
        "Công an chính quy, tinh nhuệ, hiện đại từ cơ sở",
        "Phòng, chống tội phạm ma túy và tội phạm công nghệ cao",
        "Làm sạch dữ liệu dân cư, triển khai Đề án 06",
    ),
    "army": (
        "Xây dựng lực lượng dân quân vững mạnh, rộng khắp",
        "Xây dựng thế trận quốc phòng toàn dân gắn với thế trận an ninh nhân dân",
        "Công tác tuyển quân và chính sách hậu phương quân đội",
    ),
    "enterprise": (
        "Nâng cao năng suất, chất lượng sản phẩm, mở rộng thị trường",
        "Chăm lo đời sống, việc làm cho người lao động",
        "An toàn lao động, phòng chống cháy nổ trong doanh nghiệp",
    ),
    "retirees": (
        "Phát huy vai trò đảng viên cao tuổi trong xây dựng khu dân cư",
        "Giáo dục truyền thống cách mạng cho thế hệ trẻ",
        "Tham gia góp ý xây dựng Đảng, chính quyền",
    ),
}

#: cell role → (usual places; "{area}" is the residential area, "{ward}" the commune's name).
PLACES: dict[str, tuple[str, ...]] = {
    "village": ("Nhà văn hóa {area}",) * 4 + ("Nhà Bí thư chi bộ {area}",),
    "urban": ("Nhà văn hóa {area}",) * 3 + ("Hội trường Đảng ủy {ward}",),
    "agency": ("Hội trường Đảng ủy {ward}", "Phòng họp trụ sở Đảng ủy – HĐND – UBND {ward}"),
    "school": ("Phòng họp hội đồng {name}",),
    "clinic": ("Phòng giao ban Trạm Y tế {ward}",),
    "police": ("Hội trường Công an {ward}",),
    "army": ("Phòng họp Ban Chỉ huy Quân sự {ward}",),
    "enterprise": ("Phòng họp {name}",),
    "retirees": ("Hội trường Đảng ủy {ward}",),
}

#: Reasons of an excused absence (ATT-0), weighted by repetition; residential cells add theirs.
EXCUSED_REASONS = (
    ("Ốm",) * 4
    + ("Việc gia đình",) * 4
    + (
        "Đi công tác",
        "Đi viện chăm người nhà",
        "Nhà có việc hiếu",
        "Đi học",
    )
)
RESIDENTIAL_REASONS = ("Đi làm ăn xa",) * 3 + ("Bận thu hoạch mùa vụ", "Đi làm thuê ngoài tỉnh")
ATTACHED_HERE_REASONS = ("Bận công tác", "Về quê có việc gia đình", "Ốm")
#: Why a meeting was cancelled / moved (Meeting.change_reason).
CANCEL_REASONS = (
    "Mưa lũ, đường bị chia cắt",
    "Sạt lở đất, đường vào thôn bị chia cắt",
    "Đảng ủy tổ chức hội nghị quán triệt nghị quyết, chi bộ dự chung",
    "Bí thư và phần lớn đảng viên đi hỗ trợ khắc phục hậu quả thiên tai",
)
MOVE_REASONS = (
    "Trùng lịch hội nghị của Đảng ủy",
    "Trùng ngày lễ, chuyển lịch",
    "Bí thư chi bộ đi tập huấn",
    "Trời mưa to, lùi lịch",
    "Theo chỉ đạo của Đảng ủy, chuyển lịch sinh hoạt",
)

#: Notes of the agenda items (the minutes of each part), by section.
NOTES: dict[str, tuple[str, ...]] = {
    "opening": (
        "Đồng chí {chair} khai mạc, nêu lý do buổi sinh hoạt{guests}. Thu đảng phí tháng {month}: {paid}/{members} đảng viên đã nộp.",
        "Đồng chí {chair} tuyên bố lý do{guests}; chi bộ thu đảng phí tháng {month} ({paid} đồng chí nộp).",
    ),
    "agenda": (
        "Chi bộ thống nhất chương trình buổi sinh hoạt; cử đồng chí {minute_taker} làm thư ký.",
        "Thông qua chương trình; đồng chí {minute_taker} ghi biên bản.",
    ),
    "current_affairs": (
        "Thông tin tình hình kinh tế – xã hội của {ward} trong tháng; quán triệt chỉ đạo của Đảng ủy về nhiệm vụ trọng tâm tháng tới.",
        "Thông tin thời sự trong nước và quốc tế; tình hình tư tưởng đảng viên và nhân dân ổn định, tin tưởng vào sự lãnh đạo của Đảng.",
        "Phổ biến văn bản mới của cấp trên; một số hộ còn băn khoăn về chính sách đất đai, chi bộ giao đồng chí trưởng thôn nắm thêm tình hình.",
        "Thông tin công tác phòng, chống thiên tai; tình hình an ninh trật tự trên địa bàn cơ bản ổn định.",
    ),
    "review": (
        "Kiểm điểm {assigned} nhiệm vụ phân công tháng trước: hoàn thành {done}, chưa hoàn thành {not_done}. Chi bộ biểu dương các đồng chí hoàn thành tốt nhiệm vụ.",
        "Đánh giá kết quả thực hiện nghị quyết tháng trước: {done}/{assigned} nhiệm vụ đã hoàn thành; nhắc nhở những việc còn chậm.",
    ),
    "study": (
        "Đồng chí {presenter} quán triệt {document}; liên hệ với nhiệm vụ của chi bộ.",
        "Học tập {document}; đảng viên trao đổi, liên hệ bản thân.",
    ),
    "criticism": (
        "Đảng viên tự kiểm điểm chức trách, nhiệm vụ trong tháng; chi bộ góp ý thẳng thắn, nhắc nhở đồng chí còn hạn chế.",
        "Các đồng chí được phân công báo cáo kết quả thực hiện nhiệm vụ; chi bộ phê bình đồng chí chậm hoàn thành nhiệm vụ.",
    ),
    "officials": ("Đồng chí {guest} phát biểu: {comment}",),
    "no_officials": ("Không có cấp ủy viên cấp trên dự.",),
    "discussion": (
        "{speakers} ý kiến phát biểu, tập trung vào nhiệm vụ tháng tới; phân công {assignments} nhiệm vụ cụ thể cho đảng viên.",
        "Chi bộ thảo luận, thống nhất nhiệm vụ tháng tới ({speakers} ý kiến); phân công {assignments} nhiệm vụ có thời hạn.",
    ),
    "resolution": ("Chi bộ biểu quyết thông qua nghị quyết: {votes_for}/{voters} tán thành, {votes_against} không tán thành, {votes_abstain} không biểu quyết.",),
    "closing": (
        "Chi bộ tự đánh giá buổi sinh hoạt đạt loại {rating}. Thông qua biên bản; bế mạc lúc {ended}.",
    ),
    "thematic_purpose": ("Đồng chí {chair} nêu mục đích, yêu cầu của chuyên đề «{topic}».",),
    "thematic_brief": ("Đồng chí {brief_writer} trình bày đề dẫn chuyên đề «{topic}».",),
    "thematic_discussion": (
        "Đảng viên thảo luận sôi nổi, nêu thực trạng và đề xuất giải pháp cho chuyên đề «{topic}».",
        "{speakers} ý kiến phát biểu về chuyên đề, liên hệ với thực tế của địa phương, đơn vị.",
    ),
    "thematic_resolution": ("Chi bộ thống nhất kết luận chuyên đề «{topic}» và giao chi ủy cụ thể hóa thành kế hoạch.",),
}  # fmt: skip
RATINGS = ("Tốt",) * 6 + ("Khá",) * 3 + ("Trung bình",)
COMMITTEE_NOTES = (
    "Chi ủy đánh giá tình hình thực hiện nhiệm vụ tháng; các nhiệm vụ cơ bản hoàn thành.",
    "Thống nhất nội dung và dự thảo nghị quyết sinh hoạt chi bộ tháng {month}.",
    "Phân công đồng chí {chair} chủ trì, đồng chí {minute_taker} chuẩn bị báo cáo và biên bản.",
)

#: Tasks of a resolution / assignments, by cell role (plus common ones).
TASKS_COMMON = (
    "Đôn đốc đảng viên nộp đảng phí đầy đủ, đúng hạn",
    "Nắm tình hình tư tưởng đảng viên, báo cáo chi ủy",
    "Chuẩn bị nội dung sinh hoạt chuyên đề quý",
    "Theo dõi, giúp đỡ quần chúng ưu tú trong diện phát triển đảng viên",
    "Liên hệ với đảng viên đi làm ăn xa, nắm tình hình và báo cáo chi bộ",
)
TASKS: dict[str, tuple[str, ...]] = {
    "village": (
        "Vận động nhân dân đóng góp ngày công làm đường bê tông nội thôn",
        "Tuyên truyền phòng, chống cháy rừng mùa khô",
        "Vận động các hộ tiêm phòng cho đàn gia súc",
        "Hướng dẫn các hộ chăm sóc chè, cam sau thu hoạch",
        "Vận động học sinh bỏ học trở lại trường",
        "Nắm danh sách hộ nghèo, cận nghèo để rà soát cuối năm",
    ),
    "urban": (
        "Ra quân tổng vệ sinh đường phố, khơi thông cống rãnh",
        "Tuyên truyền cài đặt và sử dụng VNeID, dịch vụ công trực tuyến",
        "Vận động các hộ kinh doanh không lấn chiếm vỉa hè",
        "Kiểm tra phòng cháy, chữa cháy tại các hộ kinh doanh",
    ),
    "agency": (
        "Giải quyết hồ sơ hành chính đúng hạn, không để tồn đọng",
        "Hoàn thành báo cáo sơ kết công tác quý gửi cấp trên",
        "Rà soát, số hóa hồ sơ lưu trữ của cơ quan",
    ),
    "school": (
        "Tổ chức ôn tập, kiểm tra định kỳ cho học sinh",
        "Phụ đạo học sinh yếu kém",
        "Chuẩn bị hồ sơ kiểm định chất lượng giáo dục",
    ),
    "clinic": (
        "Triển khai tiêm chủng mở rộng tháng tới",
        "Khám sức khỏe định kỳ cho người cao tuổi",
        "Tuyên truyền phòng, chống sốt xuất huyết",
    ),
    "police": (
        "Tuần tra, kiểm soát bảo đảm an ninh trật tự dịp lễ",
        "Cập nhật, làm sạch dữ liệu dân cư",
        "Nắm tình hình an ninh nông thôn, báo cáo chi bộ",
    ),
    "army": (
        "Huấn luyện dân quân theo kế hoạch",
        "Chuẩn bị công tác tuyển quân năm tới",
        "Trực sẵn sàng chiến đấu, phòng chống thiên tai",
    ),
    "enterprise": (
        "Hoàn thành kế hoạch sản xuất tháng tới",
        "Kiểm tra an toàn lao động tại các tổ sản xuất",
        "Chăm lo đời sống người lao động dịp lễ, Tết",
    ),
    "retirees": (
        "Thăm hỏi đảng viên cao tuổi ốm đau",
        "Tham gia hòa giải ở cơ sở",
        "Góp ý dự thảo văn kiện theo hướng dẫn của Đảng ủy",
    ),
}
OUTCOMES = (
    "Đã hoàn thành đúng hạn.",
    "Hoàn thành, đạt kết quả tốt.",
    "Đã thực hiện xong, báo cáo chi ủy.",
    "Hoàn thành; nhân dân đồng tình hưởng ứng.",
)
NOT_DONE_NOTES = (
    "Chưa hoàn thành do thời tiết bất lợi; chi bộ nhắc nhở, giao tiếp trong tháng tới.",
    "Chưa thực hiện được do đồng chí được giao đi vắng; chi bộ phê bình, rút kinh nghiệm.",
)
CONTINUE_NOTES = (
    "Đang thực hiện; chi bộ giao tiếp tục hoàn thành trong tháng.",
    "Mới hoàn thành một phần, cần đẩy nhanh tiến độ.",
)
DONE_NOTES = ("Chi bộ ghi nhận kết quả, biểu dương.", "Hoàn thành, chi bộ đánh giá tốt.")

#: Speeches recorded in the minutes (MIN-2 "opinions"; section CRITICISM).
OPINIONS = (
    "Nhất trí với báo cáo; đề nghị chi bộ quan tâm hơn đến việc nắm tình hình đảng viên đi làm ăn xa.",
    "Đề nghị phân công cụ thể người phụ trách từng việc, có thời hạn hoàn thành.",
    "Đồng tình với dự thảo nghị quyết; bổ sung nhiệm vụ tuyên truyền phòng, chống thiên tai.",
    "Đề nghị chi ủy chuẩn bị tài liệu sớm hơn để đảng viên nghiên cứu trước.",
    "Kết quả tháng qua tốt, nhưng còn một số việc chậm, cần kiểm tra, đôn đốc thường xuyên.",
    "Đề xuất chi bộ biểu dương các gia đình đảng viên gương mẫu trong phong trào của địa phương.",
)
SELF_CRITICISM = (
    "Tự kiểm điểm: trong tháng đã hoàn thành nhiệm vụ được giao, còn hạn chế là tham gia phong trào chưa đều.",
    "Tự kiểm điểm: chưa hoàn thành đúng hạn việc được phân công, xin rút kinh nghiệm.",
    "Tự kiểm điểm: thực hiện tốt nhiệm vụ; sẽ gương mẫu hơn trong vận động gia đình và nhân dân.",
)
CRITICISM = (
    "Góp ý đồng chí {about}: cần chủ động hơn trong thực hiện nhiệm vụ được giao.",
    "Phê bình đồng chí {about} vắng sinh hoạt tháng trước không báo cáo chi bộ.",
    "Góp ý đồng chí {about} cần dành thời gian nghiên cứu văn bản trước buổi sinh hoạt.",
)
GUEST_COMMENTS = (
    "Đánh giá cao sự chuẩn bị của chi bộ; đề nghị nội dung sinh hoạt bám sát nhiệm vụ chính trị của địa phương.",
    "Chi bộ cần tăng cường tự phê bình và phê bình; phân công nhiệm vụ cụ thể đến từng đảng viên.",
    "Ghi nhận tỷ lệ đảng viên dự sinh hoạt cao; đề nghị quan tâm đảng viên đi làm ăn xa.",
    "Nghị quyết cần ngắn gọn, dễ kiểm tra; tháng sau báo cáo kết quả thực hiện từng nhiệm vụ.",
)
COMMITTEE_TITLES = {
    "secretary": "Bí thư Đảng ủy",
    "deputy_secretary": "Phó Bí thư Đảng ủy",
    "standing_committee_member": "Ủy viên Ban Thường vụ Đảng ủy",
    "committee_member": "Đảng ủy viên",
}

#: What submitted minutes say of a part a weak meeting skipped (MIN-2: every item recorded).
SKIPPED: dict[str, str] = {
    Section.CRITICISM: "Chi bộ chưa tiến hành tự phê bình và phê bình trong tháng.",
    Section.OFFICIALS: "Không có ý kiến của đại biểu cấp trên.",
    "other": "Nội dung này chi bộ chỉ thông qua, không có ý kiến thảo luận.",
}
